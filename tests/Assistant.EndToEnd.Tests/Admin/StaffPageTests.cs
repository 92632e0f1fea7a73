using System.Net;
using System.Net.Http.Json;
using Assistant.EndToEnd.Tests.WebChat;
using Microsoft.Playwright;

namespace Assistant.EndToEnd.Tests.Admin;

/// <summary>
/// An admin manages the team in the "Équipe" tab, in Chromium: creates an agent for one operator, disables the
/// account (the agent can no longer sign in), enables it again and resets its password (the temporary one works).
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class StaffPageTests : IAsyncLifetime
{
    private AdminBrowser _host = null!;

    public async Task InitializeAsync() => _host = await AdminBrowser.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<HttpStatusCode> SignInAsync(string email, string password)
    {
        using var http = new HttpClient { BaseAddress = _host.Server };
        using var response = await http.PostAsJsonAsync("/api/auth/token", new { email, password });
        return response.StatusCode;
    }

    [Fact]
    public async Task An_admin_creates_disables_enables_and_resets_an_agentAsync()
    {
        var admin = await _host.LoginAsync();
        await admin.ClickAsync(".tab[data-section=staff]");
        await Assertions.Expect(admin.Locator("#staff-body tr", new() { HasText = AdminBrowser.AdminEmail })).ToBeVisibleAsync();

        await admin.FillAsync("#staff-form [name=displayName]", "Inès Moreau");
        await admin.FillAsync("#staff-form [name=email]", "ines@example.com");
        await admin.Locator("#staff-operators input[value=icosnet]").CheckAsync();
        await admin.FillAsync("#staff-form [name=password]", "court");
        await admin.ClickAsync("#staff-form button[type=submit]");
        await Assertions.Expect(admin.Locator("#staff-error")).ToContainTextAsync("password");
        await admin.FillAsync("#staff-form [name=password]", "agent-password-e2e");
        await admin.ClickAsync("#staff-form button[type=submit]");
        var agent = admin.Locator("#staff-body tr[data-email='ines@example.com']");
        await Assertions.Expect(agent).ToContainTextAsync("icosnet");
        await Assertions.Expect(agent).ToContainTextAsync("actif");
        Assert.Equal(HttpStatusCode.OK, await SignInAsync("ines@example.com", "agent-password-e2e"));

        await agent.Locator("button", new() { HasText = "Désactiver" }).ClickAsync();
        await Assertions.Expect(agent).ToContainTextAsync("désactivé");
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync("ines@example.com", "agent-password-e2e"));

        await agent.Locator("button", new() { HasText = "Réactiver" }).ClickAsync();
        await Assertions.Expect(agent).ToContainTextAsync("actif");
        admin.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await agent.Locator("button", new() { HasText = "Réinitialiser le mot de passe" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#staff-result")).ToContainTextAsync("Mot de passe temporaire");
        await admin.ScreenshotAsync(new() { Path = Browser.ArtifactPath("admin-staff.png") });
        var temporary = (await admin.Locator("#staff-result").TextContentAsync())!.Split(" : ")[^1].Trim();
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync("ines@example.com", "agent-password-e2e"));
        Assert.Equal(HttpStatusCode.OK, await SignInAsync("ines@example.com", temporary));
    }
}
