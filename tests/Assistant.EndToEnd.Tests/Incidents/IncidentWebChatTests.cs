using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Assistant.EndToEnd.Tests.Handoff;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Assistant.EndToEnd.Tests.Incidents;

/// <summary>
/// An agent declares a V-room incident through the notices API; a visitor in Chromium sees it above the chat, reports
/// the problem, says yes, and reads the agent's update and the resolution in WebChat.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class IncidentWebChatTests(HandoffServerFixture fixture, ITestOutputHelper output) : IClassFixture<HandoffServerFixture>
{
    private static ILocator Bubble(IPage page, string text) =>
        page.Locator("#webchat .webchat__bubble__content", new() { HasText = text });

    private async Task<HttpClient> AgentAsync()
    {
        var http = new HttpClient { BaseAddress = fixture.Server };
        using var response = await http.PostAsJsonAsync("/api/auth/token", new { email = HandoffServerFixture.AgentEmail, password = HandoffServerFixture.AgentPassword });
        response.EnsureSuccessStatusCode();
        var token = (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static async Task<JsonObject> PostAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Fact]
    public async Task A_visitor_sees_the_incident_is_linked_and_reads_the_update_and_the_resolution_in_WebChatAsync()
    {
        using var agent = await AgentAsync();
        var notice = await PostAsync(agent, "/api/notices", new
        {
            @operator = "digisense",
            kind = "incident",
            products = new[] { "vroom" },
            messageFr = "Les réunions V-room ne démarrent plus, écran noir à la connexion",
        });
        var id = (string)notice["id"]!;

        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "fr-FR", ViewportSize = new ViewportSize { Width = 1000, Height = 760 } });
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => output.WriteLine($"[browser error] {error}");
        await page.GotoAsync(new Uri(fixture.Server, "/").ToString());

        await Assertions.Expect(page.Locator(".chat-notices")).ToContainTextAsync("Incident en cours", new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator(".chat-notices")).ToContainTextAsync("écran noir à la connexion");
        await Assertions.Expect(Bubble(page, "Incident en cours sur V")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await page.Locator(".webchat__suggested-actions button", new() { HasText = "Accepter et valider" }).ClickAsync();
        await Assertions.Expect(Bubble(page, "Quel est votre problème")).ToBeVisibleAsync(new() { Timeout = 20_000 });

        var sendBox = page.Locator("[data-id='webchat-sendbox-input']");
        await sendBox.FillAsync("Depuis ce matin impossible de rejoindre nos réunions V-room, écran noir");
        await sendBox.PressAsync("Enter");
        await Assertions.Expect(Bubble(page, "Est-ce bien ce qui vous arrive")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await page.Locator(".webchat__suggested-actions button", new() { HasText = "Oui, tenez-moi informé" }).ClickAsync();
        await Assertions.Expect(Bubble(page, "est rattaché")).ToBeVisibleAsync(new() { Timeout = 20_000 });

        await PostAsync(agent, $"/api/notices/{id}/updates", new { textFr = "Correctif en cours de déploiement sur les serveurs V-room." });
        await Assertions.Expect(Bubble(page, "Correctif en cours de déploiement")).ToBeVisibleAsync(new() { Timeout = 20_000 });

        await PostAsync(agent, $"/api/notices/{id}/end", new { textFr = "Le service fonctionne de nouveau normalement." });
        await Assertions.Expect(Bubble(page, "fonctionne de nouveau normalement")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator(".webchat__suggested-actions button", new() { HasText = "Le problème continue" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = WebChat.Browser.ArtifactPath("incident-webchat.png") });
    }
}
