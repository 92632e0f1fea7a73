using Assistant.Bot.Tests.Admin;
using Assistant.EndToEnd.Tests.WebChat;
using Assistant.Moderation.Serving;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Assistant.EndToEnd.Tests.Admin;

/// <summary>
/// An admin marks a moderation decision as wrong from the audit log, retrains with it, reads the new set's metrics
/// against the served set on the same held-out rows, and discards it. The host trains on a slice of the shipped data
/// in a model folder of its own (<see cref="RetrainingSandbox"/>).
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class AdminModelsPageTests : IAsyncLifetime
{
    private const string AdminEmail = "admin@example.com";
    private const string AdminPassword = "admin-password-e2e";

    private readonly RetrainingSandbox _sandbox = new();
    private readonly KestrelAppFactory _factory = new();
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private Uri _server = null!;

    public async Task InitializeAsync()
    {
        _factory.Settings["Assistant:Bootstrap:AdminEmail"] = AdminEmail;
        _factory.Settings["Assistant:Bootstrap:AdminPassword"] = AdminPassword;
        foreach (var (key, value) in _sandbox.Settings)
        {
            _factory.Settings[key] = value;
        }

        _server = _factory.Start();
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
        _sandbox.Dispose();
    }

    [Fact]
    public async Task An_admin_relabels_a_decision_retrains_compares_and_discards_the_new_setAsync()
    {
        await DirectLineVisitor.AskAsync(_server, "Votre appli c'est une tuerie, franchement bravo", "");
        var admin = await AdminConsole.LoginAsync(_browser!, _server, AdminEmail, AdminPassword);

        await admin.ClickAsync(".tab[data-section=audit]");
        await admin.FillAsync("#audit-form [name=action]", "moderation");
        await admin.ClickAsync("#audit-form button[type=submit]");
        var decision = admin.Locator("#audit-body tr", new() { HasText = "moderation." }).First;
        await decision.Locator("button", new() { HasText = "Décision erronée" }).ClickAsync(new() { Timeout = 20_000 });
        await decision.Locator("select").SelectOptionAsync(new SelectOptionValue { Index = 0 });
        await decision.Locator("button", new() { HasText = "Réétiqueter" }).ClickAsync();
        await Assertions.Expect(decision).ToContainTextAsync("Réétiqueté :");

        await admin.ClickAsync(".tab[data-section=system]");
        await Assertions.Expect(admin.Locator("#relabels-body")).ToContainTextAsync("tuerie");
        await admin.FillAsync("#retrain-reason", "faux positif signalé");
        await admin.ClickAsync("#retrain");
        await Assertions.Expect(admin.Locator("#retrain-status")).ToContainTextAsync("terminé", new() { Timeout = 180_000 });
        var retrained = admin.Locator("#models-body tr", new() { HasText = "contre " + _sandbox.ServedVersion });
        await Assertions.Expect(retrained).ToContainTextAsync("1 message(s) réétiqueté(s) appris");
        await Assertions.Expect(retrained).ToContainTextAsync("F1 macro");
        await admin.ScreenshotAsync(new() { Path = Browser.ArtifactPath("admin-models.png") });

        admin.Dialog += async (_, dialog) => await dialog.AcceptAsync("moins bon que le modèle en service");
        await retrained.Locator("button", new() { HasText = "Écarter" }).ClickAsync();
        await Assertions.Expect(retrained).ToHaveCountAsync(0);
        await Assertions.Expect(admin.Locator("#models-body tr")).ToHaveCountAsync(1);
        await Assertions.Expect(admin.Locator("#models-body")).ToContainTextAsync("en service");
    }
}
