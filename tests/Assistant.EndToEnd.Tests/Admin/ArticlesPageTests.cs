using Microsoft.Playwright;

namespace Assistant.EndToEnd.Tests.Admin;

/// <summary>
/// An admin edits a help article in the console in Chromium, previews it, publishes it, and the next visitor's question
/// is answered with the new text; then reads the figures of the "Réponses de l'aide" tab.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ArticlesPageTests : IAsyncLifetime
{
    private const string Question = "Quel délai pour le chronomètre orange ?";
    private AdminBrowser _host = null!;

    public async Task InitializeAsync() => _host = await AdminBrowser.StartAsync(new Dictionary<string, string?> { ["Assistant:SelfService:Enabled"] = "true" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_admin_edits_and_publishes_an_article_and_the_next_answer_uses_itAsync()
    {
        var admin = await _host.LoginAsync();
        await admin.ClickAsync(".tab[data-section=selfservice]");
        await Assertions.Expect(admin.Locator("#article-select option[value='digisense/response-times/fr']")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await admin.SelectOptionAsync("#article-select", "digisense/response-times/fr");
        await Assertions.Expect(admin.Locator("#article-title")).ToHaveValueAsync("Délais de réponse et de traitement");

        await admin.FillAsync("#article-title", "Délais de réponse, revus par l'équipe");
        await admin.FillAsync("#article-tags", "délai, chronomètre orange");
        await admin.FillAsync("#article-question", Question);
        await admin.ClickAsync("#article-preview");
        await Assertions.Expect(admin.Locator("#article-rendered")).ToContainTextAsync("answer");
        await Assertions.Expect(admin.Locator("#article-rendered")).ToContainTextAsync("digisense/response-times");

        await admin.FillAsync("#article-reason", "test de bout en bout");
        await admin.ClickAsync("#article-save");
        await Assertions.Expect(admin.Locator("#article-status")).ToContainTextAsync("1 version(s)");
        await Assertions.Expect(admin.Locator("#article-status")).ToContainTextAsync("Servi : texte livré");
        await admin.FillAsync("#article-reason", "relu");
        await admin.ClickAsync("#article-publish");
        await Assertions.Expect(admin.Locator("#article-status")).ToContainTextAsync("Servi : version 1");
        await admin.ScreenshotAsync(new() { Path = WebChat.Browser.ArtifactPath("admin-article.png") });

        var replies = await DirectLineVisitor.AskAsync(_host.Server, Question, "revus par l'équipe");
        Assert.Contains("Délais de réponse, revus par l'équipe", replies, StringComparison.Ordinal);

        await admin.ClickAsync("#selfservice-form button[type=submit]");
        await Assertions.Expect(admin.Locator("#selfservice-articles")).ToContainTextAsync("digisense/response-times");
    }
}
