using Assistant.EndToEnd.Tests.WebChat;
using Assistant.Moderation.Sanctions;
using Assistant.Moderation.Thresholds;
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
    private AdminBrowser _host = null!;

    public async Task InitializeAsync() => _host = await AdminBrowser.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_admin_edits_a_template_and_the_assistant_uses_it_at_the_next_messageAsync()
    {
        var admin = await _host.LoginAsync();
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
        Assert.Contains("revue par l'administration", await DirectLineVisitor.AskAsync(_host.Server, "aide", "revue par l'administration"), StringComparison.Ordinal);

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
        var sanctions = _host.Service<ISanctionService>();
        for (var i = 0; i < 3; i++)
        {
            sanctions.RecordViolation(new Violation("digisense", "dl_suspended", null, "insulte", "abusive", 0.97f, 0.01f, "Digisense 3", "model", DateTimeOffset.UtcNow));
        }
        Assert.False(sanctions.GetStatus("digisense", "dl_suspended", DateTimeOffset.UtcNow).CanUseService);
        var admin = await _host.LoginAsync();

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
        Assert.Equal(0.5f, _host.Service<IModerationSettings>().Current.Abusive.Threshold);

        await admin.ClickAsync(".tab[data-section=sanctions]");
        var row = admin.Locator("#sanctions-body tr", new() { HasText = "dl_suspended" });
        await Assertions.Expect(row).ToBeVisibleAsync();
        admin.Dialog += async (_, dialog) => await dialog.AcceptAsync("erreur de modération reconnue");
        await row.Locator("button", new() { HasText = "Lever" }).ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        Assert.True(sanctions.GetStatus("digisense", "dl_suspended", DateTimeOffset.UtcNow).CanUseService);
    }
}
