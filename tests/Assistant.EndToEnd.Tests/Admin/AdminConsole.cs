using Microsoft.Playwright;

namespace Assistant.EndToEnd.Tests.Admin;

/// <summary>The admin console in a new Chromium context, signed in.</summary>
public static class AdminConsole
{
    public static async Task<IPage> LoginAsync(IBrowser browser, Uri server, string email, string password)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "fr-FR", ViewportSize = new ViewportSize { Width = 1280, Height = 860 } });
        var admin = await context.NewPageAsync();
        await admin.GotoAsync(new Uri(server, "/admin").ToString());
        await admin.FillAsync("#login-form [name=email]", email);
        await admin.FillAsync("#login-form [name=password]", password);
        await admin.ClickAsync("#login-form button[type=submit]");
        await Assertions.Expect(admin.Locator("#login-form")).ToBeHiddenAsync(new() { Timeout = 20_000 });
        return admin;
    }
}
