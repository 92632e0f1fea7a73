using Microsoft.Playwright;

namespace Assistant.EndToEnd.Tests.WebChat;

/// <summary>A visitor opens the chat page in Chromium, is greeted, types, and gets the bot's answer.</summary>
[Trait("Category", "EndToEnd")]
public sealed class WebChatPageTests : IClassFixture<ChatServerFixture>
{
    // The placeholder bot's wording; the only place these tests depend on it.
    private const string GreetingText = "Bonjour, je suis l'assistant";
    private const string ReplyText = "en cours de mise en place";

    private readonly ChatServerFixture _fixture;

    public WebChatPageTests(ChatServerFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task A_visitor_is_greeted_types_a_message_and_sees_the_replyAsync()
    {
        var page = await NewPageAsync();
        await page.GotoAsync(new Uri(_fixture.Server, "/").ToString());

        await Assertions.Expect(page).ToHaveTitleAsync("Assistance Digisense");
        await Assertions.Expect(Bubble(page, GreetingText)).ToBeVisibleAsync(new() { Timeout = 20_000 });

        var sendBox = page.Locator("[data-id='webchat-sendbox-input']");
        await sendBox.FillAsync("Bonjour, ma box Ibox ne synchronise plus mes fichiers");
        await sendBox.PressAsync("Enter");

        await Assertions.Expect(Bubble(page, "ma box Ibox ne synchronise plus")).ToBeVisibleAsync();
        await Assertions.Expect(Bubble(page, ReplyText)).ToBeVisibleAsync(new() { Timeout = 20_000 });
        // WebChat shows "sending" until the server echoes the message back with its clientActivityID.
        await Assertions.Expect(page.Locator(".webchat__activity-status--sending")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("Échec de l'envoi")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Browser.ArtifactPath("webchat-digisense.png") });

        // A returning visitor (same cookie) sees their conversation again.
        await page.ReloadAsync();
        await Assertions.Expect(Bubble(page, "ma box Ibox ne synchronise plus")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(Bubble(page, GreetingText)).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task The_icosnet_page_greets_in_the_name_of_icosnetAsync()
    {
        var page = await NewPageAsync();
        await page.GotoAsync(new Uri(_fixture.Server, "/icosnet").ToString());

        await Assertions.Expect(page).ToHaveTitleAsync("Assistance ICOSNET");
        await Assertions.Expect(Bubble(page, GreetingText)).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(Bubble(page, GreetingText)).ToContainTextAsync("ICOSNET");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Assistance ICOSNET");
        await page.ScreenshotAsync(new() { Path = Browser.ArtifactPath("webchat-icosnet.png") });
    }

    /// <summary>The text of one transcript bubble (WebChat also keeps hidden copies for screen readers).</summary>
    private static ILocator Bubble(IPage page, string text) =>
        page.Locator("#webchat .webchat__text-content", new() { HasText = text });

    private async Task<IPage> NewPageAsync()
    {
        var context = await _fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "fr-FR",
            ViewportSize = new ViewportSize { Width = 1000, Height = 760 },
        });
        return await context.NewPageAsync();
    }
}
