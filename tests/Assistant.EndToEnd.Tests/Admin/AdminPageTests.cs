using Assistant.EndToEnd.Tests.WebChat;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Assistant.Moderation.Sanctions;
using Assistant.Moderation.Serving;
using Assistant.Moderation.Thresholds;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Assistant.EndToEnd.Tests.Admin;

/// <summary>
/// An admin works in the console in Chromium: edits a reply template (a visitor's next message gets the new text),
/// moves a moderation threshold after looking at its preview, and lifts a suspension. The visitor talks over
/// Direct Line from the test, which is what the chat page does.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class AdminPageTests : IAsyncLifetime
{
    private const string AdminEmail = "admin@example.com";
    private const string AdminPassword = "admin-password-e2e";

    private readonly KestrelAppFactory _factory = new();
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private Uri _server = null!;

    public async Task InitializeAsync()
    {
        _factory.Settings["Assistant:Bootstrap:AdminEmail"] = AdminEmail;
        _factory.Settings["Assistant:Bootstrap:AdminPassword"] = AdminPassword;
        _server = _factory.Start();
        // A fresh data directory trains the models at first start; turns wait for them, so the test does too.
        await _factory.Services.GetRequiredService<ModelProvider>().StartLoadingAsync();
        (_playwright, _browser) = await Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task An_admin_edits_a_template_and_the_assistant_uses_it_at_the_next_messageAsync()
    {
        var admin = await LoggedInAdminAsync();
        await admin.Locator("#template-list li[data-name='Help/fr']").ClickAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(admin.Locator("#template-text")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("Je peux"));

        // A broken text is refused with the reason.
        await admin.FillAsync("#template-text", "Aide {{$}}");
        await admin.ClickAsync("#template-preview");
        await Assertions.Expect(admin.Locator("#template-error")).Not.ToBeEmptyAsync();

        await admin.FillAsync("#template-text", "Aide du support {{$operator}}, revue par l'administration.");
        await admin.ClickAsync("#template-preview");
        await Assertions.Expect(admin.Locator("#template-rendered")).ToHaveTextAsync("Aide du support Digisense, revue par l'administration.");
        await admin.FillAsync("#template-reason", "test de bout en bout");
        await admin.ClickAsync("#template-save");
        await Assertions.Expect(admin.Locator("#template-version")).ToHaveTextAsync("version 1");
        await Assertions.Expect(admin.Locator("#template-history")).ToContainTextAsync("test de bout en bout");
        await admin.ScreenshotAsync(new() { Path = Browser.ArtifactPath("admin-template.png") });

        // The visitor talks to the assistant over Direct Line, as the chat page does.
        Assert.Contains("revue par l'administration", await AskAsync("aide", "revue par l'administration"), StringComparison.Ordinal);

        // The change is in the audit log the admin can search.
        await admin.ClickAsync(".tab[data-section=audit]");
        await admin.FillAsync("#audit-form [name=action]", "template");
        await admin.ClickAsync("#audit-form button[type=submit]");
        await Assertions.Expect(admin.Locator("#audit-body")).ToContainTextAsync("template.save");
        await admin.ScreenshotAsync(new() { Path = Browser.ArtifactPath("admin-audit.png") });

        await admin.ClickAsync(".tab[data-section=system]");
        await Assertions.Expect(admin.Locator("#models-body")).ToContainTextAsync("en service");
        await admin.ClickAsync(".tab[data-section=settings]");
        await Assertions.Expect(admin.Locator("#llm-settings")).ToContainTextAsync("interpréteur local");
    }

    [Fact]
    public async Task An_admin_previews_and_moves_a_threshold_then_lifts_a_suspensionAsync()
    {
        var sanctions = _factory.Services.GetRequiredService<ISanctionService>();
        for (var i = 0; i < 3; i++)
        {
            sanctions.RecordViolation(new Violation("digisense", "dl_suspended", null, "insulte", "abusive", 0.97f, 0.01f, "Digisense 3", "model", DateTimeOffset.UtcNow));
        }
        Assert.False(sanctions.GetStatus("digisense", "dl_suspended", DateTimeOffset.UtcNow).CanUseService);
        var admin = await LoggedInAdminAsync();

        await admin.ClickAsync(".tab[data-section=thresholds]");
        // The tab loads the current values: wait for them, or they would overwrite what the admin types.
        await Assertions.Expect(admin.Locator("#abusive-threshold")).Not.ToHaveValueAsync("");
        await admin.FillAsync("#abusive-threshold", "0.5");
        await admin.ClickAsync("#thresholds-preview");
        await Assertions.Expect(admin.Locator("#thresholds-result")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(admin.Locator("#metrics-body tr")).Not.ToHaveCountAsync(0);
        await admin.ScreenshotAsync(new() { Path = Browser.ArtifactPath("admin-thresholds.png") });
        await admin.FillAsync("#thresholds-reason", "moins de refus à tort");
        await admin.ClickAsync("#thresholds-form button[type=submit]");
        await Assertions.Expect(admin.Locator("#thresholds-saved")).Not.ToBeEmptyAsync();
        Assert.Equal(0.5f, _factory.Services.GetRequiredService<IModerationSettings>().Current.Abusive.Threshold);

        await admin.ClickAsync(".tab[data-section=sanctions]");
        var row = admin.Locator("#sanctions-body tr", new() { HasText = "dl_suspended" });
        await Assertions.Expect(row).ToBeVisibleAsync();
        admin.Dialog += async (_, dialog) => await dialog.AcceptAsync("erreur de modération reconnue");
        await row.Locator("button", new() { HasText = "Lever" }).ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        Assert.True(sanctions.GetStatus("digisense", "dl_suspended", DateTimeOffset.UtcNow).CanUseService);
    }

    private async Task<IPage> LoggedInAdminAsync()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { Locale = "fr-FR", ViewportSize = new ViewportSize { Width = 1280, Height = 860 } });
        var admin = await context.NewPageAsync();
        await admin.GotoAsync(new Uri(_server, "/admin").ToString());
        await admin.FillAsync("#login-form [name=email]", AdminEmail);
        await admin.FillAsync("#login-form [name=password]", AdminPassword);
        await admin.ClickAsync("#login-form button[type=submit]");
        await Assertions.Expect(admin.Locator("#login-form")).ToBeHiddenAsync(new() { Timeout = 20_000 });
        return admin;
    }

    /// <summary>
    /// A new visitor of the Digisense page waits for the greeting, says <paramref name="text"/>, and reads the bot's
    /// messages after it until one contains <paramref name="expected"/> (or time runs out); returns them.
    /// </summary>
    private async Task<string> AskAsync(string text, string expected)
    {
        using var http = new HttpClient { BaseAddress = _server };
        var page = await PostAsync(http, "/api/directline/token", null, """{"operator":"digisense"}""");
        var started = await PostAsync(http, "/v3/directline/conversations", (string)page["token"]!, """{"user":{}}""");
        var conversation = (string)started["conversationId"]!;
        var token = (string)started["token"]!;
        await BotMessagesAsync(http, conversation, token, all => all.Count > 0);
        var message = new JsonObject { ["type"] = "message", ["text"] = text, ["from"] = new JsonObject { ["id"] = (string)page["userId"]! }, ["locale"] = "fr-FR" };
        await PostAsync(http, $"/v3/directline/conversations/{conversation}/activities", token, message.ToJsonString());
        var replies = await BotMessagesAsync(http, conversation, token, all => all.SkipWhile(m => m != "> " + text).Any(m => m.Contains(expected, StringComparison.Ordinal)));
        return string.Join("\n", replies.SkipWhile(m => m != "> " + text));
    }

    /// <summary>The conversation's messages (the user's prefixed with "> "), polled until <paramref name="done"/> or 15 seconds.</summary>
    private static async Task<List<string>> BotMessagesAsync(HttpClient http, string conversation, string token, Func<List<string>, bool> done)
    {
        var messages = new List<string>();
        for (var attempt = 0; attempt < 150; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/v3/directline/conversations/{conversation}/activities");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            messages = [.. JsonNode.Parse(await response.Content.ReadAsStringAsync())!["activities"]!.AsArray()
                .Where(a => (string?)a!["type"] == "message")
                .Select(a => ((string?)a!["from"]?["role"] == "bot" ? "" : "> ") + (string?)a!["text"])];
            if (done(messages))
            {
                return messages;
            }

            await Task.Delay(100);
        }

        return messages;
    }

    private static async Task<JsonObject> PostAsync(HttpClient http, string path, string? token, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsStringAsync();
        return body.Length == 0 ? [] : JsonNode.Parse(body)!.AsObject();
    }
}
