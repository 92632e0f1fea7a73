using Assistant.EndToEnd.Tests.WebChat;
using Assistant.Ticketing.Operators;
using Microsoft.Playwright;

namespace Assistant.EndToEnd.Tests.Admin;

/// <summary>In Chromium, an admin changes an operator's CGU version in the "Réglages" tab, and the conversation retention.</summary>
[Trait("Category", "EndToEnd")]
public sealed class SettingsPageTests : IAsyncLifetime
{
    private AdminBrowser _host = null!;

    public async Task InitializeAsync() => _host = await AdminBrowser.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_admin_changes_an_operators_cgu_version_and_finds_it_after_a_reloadAsync()
    {
        var page = await _host.LoginAsync();

        await page.ClickAsync(".tab[data-section=settings]");
        var digisense = page.Locator("form[data-operator=digisense]");
        // Wait for the loaded values, or they would overwrite what the admin types.
        await Assertions.Expect(digisense.Locator("[name=cguVersion]")).ToHaveValueAsync("2026-01");
        await digisense.Locator("[name=cguVersion]").FillAsync("2026-03");
        await digisense.Locator("[name=reason]").FillAsync("nouvelles CGU publiées");
        await digisense.Locator("button[type=submit]").ClickAsync();

        digisense = page.Locator("form[data-operator=digisense]");
        await Assertions.Expect(digisense.Locator(".saved")).ToContainTextAsync("Enregistré");
        await Assertions.Expect(digisense.Locator(".source")).ToHaveTextAsync("modifié dans la console");
        await page.ScreenshotAsync(new() { Path = Browser.ArtifactPath("admin-settings.png"), FullPage = true });
        Assert.Equal("2026-03", _host.Service<IOperatorCatalog>().Find("digisense")!.CguVersion);

        await page.ReloadAsync();
        await page.ClickAsync(".tab[data-section=settings]");
        await Assertions.Expect(page.Locator("form[data-operator=digisense] [name=cguVersion]")).ToHaveValueAsync("2026-03");
    }

    [Fact]
    public async Task An_admin_changes_how_long_conversations_are_keptAsync()
    {
        var page = await _host.LoginAsync();

        await page.ClickAsync(".tab[data-section=users]");
        await Assertions.Expect(page.Locator("#retention-days")).ToHaveValueAsync("365");
        await page.FillAsync("#retention-days", "90");
        await page.FillAsync("#retention-reason", "politique de conservation revue");
        await page.ClickAsync("#retention-form button[type=submit]");

        await Assertions.Expect(page.Locator("#retention-saved")).ToContainTextAsync("90 jours");
        await Assertions.Expect(page.Locator("#retention-source")).ToContainTextAsync("modifié dans la console");
        Assert.Equal(90, _host.Service<Assistant.Bot.Admin.Users.RetentionSetting>().Days);
    }
}
