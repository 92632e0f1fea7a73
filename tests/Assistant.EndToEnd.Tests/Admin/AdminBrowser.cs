using Assistant.EndToEnd.Tests.WebChat;
using Assistant.Moderation.Serving;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Assistant.EndToEnd.Tests.Admin;

/// <summary>The product on Kestrel with a bootstrap admin, its models loaded, and headless Chromium to open the admin console.</summary>
public sealed class AdminBrowser : IAsyncDisposable
{
    public const string AdminEmail = "admin@example.com";
    public const string AdminPassword = "admin-password-e2e";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    private AdminBrowser()
    {
    }

    public KestrelAppFactory Factory { get; } = new();

    public Uri Server { get; private set; } = null!;

    /// <param name="settings">Extra configuration, e.g. a model folder of the test's own.</param>
    public static async Task<AdminBrowser> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var host = new AdminBrowser();
        host.Factory.Settings["Assistant:Bootstrap:AdminEmail"] = AdminEmail;
        host.Factory.Settings["Assistant:Bootstrap:AdminPassword"] = AdminPassword;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            host.Factory.Settings[key] = value;
        }

        host.Server = host.Factory.Start();
        // Turns wait for the models to load, so the test does too.
        await host.Factory.Services.GetRequiredService<ModelProvider>().StartLoadingAsync();
        (host._playwright, host._browser) = await Browser.LaunchAsync();
        return host;
    }

    public T Service<T>()
        where T : notnull => Factory.Services.GetRequiredService<T>();

    /// <summary>A new browser context on <c>/admin</c>, signed in as the admin.</summary>
    public async Task<IPage> LoginAsync()
    {
        var admin = await NewPageAsync();
        await admin.GotoAsync(new Uri(Server, "/admin").ToString());
        await admin.FillAsync("#login-form [name=email]", AdminEmail);
        await admin.FillAsync("#login-form [name=password]", AdminPassword);
        await admin.ClickAsync("#login-form button[type=submit]");
        await Assertions.Expect(admin.Locator("#login-form")).ToBeHiddenAsync(new() { Timeout = 20_000 });
        return admin;
    }

    /// <summary>A page in a new browser context, signed in as no one (another staff member's console, a visitor's chat).</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { Locale = "fr-FR", ViewportSize = new ViewportSize { Width = 1280, Height = 860 } });
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Factory.DisposeAsync();
    }
}
