using Assistant.Bot.Tests.Admin;
using Assistant.EndToEnd.Tests.WebChat;
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
    private readonly RetrainingSandbox _sandbox = new();
    private AdminBrowser _host = null!;

    public async Task InitializeAsync() => _host = await AdminBrowser.StartAsync(_sandbox.Settings);

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _sandbox.Dispose();
    }

    [Fact]
    public async Task An_admin_relabels_a_decision_retrains_compares_and_discards_the_new_setAsync()
    {
        await DirectLineVisitor.AskAsync(_host.Server, "Votre appli c'est une tuerie, franchement bravo", "");
        var admin = await _host.LoginAsync();

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
        await Assertions.Expect(retrained).ToContainTextAsync("1 message(s) réétiqueté(s) à l'entraînement");
        await Assertions.Expect(retrained).ToContainTextAsync("décidés comme réétiquetés : ");
        await Assertions.Expect(retrained).ToContainTextAsync("F1 macro");
        await admin.ScreenshotAsync(new() { Path = Browser.ArtifactPath("admin-models.png") });

        admin.Dialog += async (_, dialog) => await dialog.AcceptAsync("moins bon que le modèle en service");
        await retrained.Locator("button", new() { HasText = "Écarter" }).ClickAsync();
        await Assertions.Expect(retrained).ToHaveCountAsync(0);
        await Assertions.Expect(admin.Locator("#models-body tr")).ToHaveCountAsync(1);
        await Assertions.Expect(admin.Locator("#models-body")).ToContainTextAsync("en service");
    }
}
