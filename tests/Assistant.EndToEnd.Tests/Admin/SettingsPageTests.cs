using Assistant.EndToEnd.Tests.WebChat;
using Assistant.Ticketing.Operators;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Assistant.EndToEnd.Tests.Admin;

/// <summary>An admin changes an operator's CGU version in the "Réglages" tab of the console, in Chromium.</summary>
[Trait("Category", "EndToEnd")]
public sealed class SettingsPageTests : IAsyncLifetime
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
    public async Task An_admin_changes_an_operators_cgu_version_and_finds_it_after_a_reloadAsync()
    {
        var page = await _browser!.NewPageAsync(new BrowserNewPageOptions { Locale = "fr-FR", ViewportSize = new ViewportSize { Width = 1280, Height = 1400 } });
        await page.GotoAsync(new Uri(_server, "/admin").ToString());
        await page.FillAsync("#login-form [name=email]", AdminEmail);
        await page.FillAsync("#login-form [name=password]", AdminPassword);
        await page.ClickAsync("#login-form button[type=submit]");
        await Assertions.Expect(page.Locator("#login-form")).ToBeHiddenAsync(new() { Timeout = 20_000 });

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
        Assert.Equal("2026-03", _factory.Services.GetRequiredService<IOperatorCatalog>().Find("digisense")!.CguVersion);

        await page.ReloadAsync();
        await page.ClickAsync(".tab[data-section=settings]");
        await Assertions.Expect(page.Locator("form[data-operator=digisense] [name=cguVersion]")).ToHaveValueAsync("2026-03");
    }
}
