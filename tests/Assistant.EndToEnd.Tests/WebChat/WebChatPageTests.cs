using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Assistant.EndToEnd.Tests.WebChat;

/// <summary>A visitor opens the chat page in Chromium, is greeted, types, and gets the bot's answer.</summary>
[Trait("Category", "EndToEnd")]
public sealed class WebChatPageTests : IClassFixture<ChatServerFixture>
{
    // The bot's wording; the only place these tests depend on it.
    // Replies are Markdown, and WebChat sets them with French typography: the apostrophe is the typographic one.
    private const string GreetingText = "Bonjour, je suis l’assistant";
    private const string AcceptButton = "Accepter et valider";
    private const string NameQuestion = "À quel nom";

    private readonly ChatServerFixture _fixture;
    private readonly ITestOutputHelper _output;

    public WebChatPageTests(ChatServerFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task A_visitor_is_greeted_accepts_the_terms_describes_a_problem_and_is_asked_the_next_questionAsync()
    {
        var page = await NewPageAsync();
        await page.GotoAsync(new Uri(_fixture.Server, "/").ToString());

        await Assertions.Expect(page).ToHaveTitleAsync("Assistance Digisense");
        await Assertions.Expect(Bubble(page, GreetingText)).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await page.Locator(".webchat__suggested-actions button", new() { HasText = AcceptButton }).ClickAsync();
        await Assertions.Expect(Bubble(page, "Quel est votre problème")).ToBeVisibleAsync(new() { Timeout = 20_000 });

        var sendBox = page.Locator("[data-id='webchat-sendbox-input']");
        await sendBox.FillAsync("Ma box Ibox ne synchronise plus mes fichiers depuis hier");
        await sendBox.PressAsync("Enter");

        await Assertions.Expect(Bubble(page, "ne synchronise plus mes fichiers")).ToBeVisibleAsync();
        await Assertions.Expect(Bubble(page, NameQuestion)).ToBeVisibleAsync(new() { Timeout = 20_000 });
        // WebChat shows "sending" until the server echoes the message back with its clientActivityID.
        await Assertions.Expect(page.Locator(".webchat__activity-status--sending")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("Échec de l'envoi")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Browser.ArtifactPath("webchat-digisense.png") });

        // A returning visitor (same cookie) sees their conversation again, and the dialog goes on where it was.
        await page.ReloadAsync();
        await Assertions.Expect(Bubble(page, "ne synchronise plus mes fichiers")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(Bubble(page, GreetingText)).ToHaveCountAsync(1);
        await sendBox.FillAsync("Marie Dupont");
        await sendBox.PressAsync("Enter");
        await Assertions.Expect(Bubble(page, "adresse e-mail")).ToBeVisibleAsync(new() { Timeout = 20_000 });
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
        page.Locator("#webchat .webchat__bubble__content", new() { HasText = text });

    private async Task<IPage> NewPageAsync()
    {
        var context = await _fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "fr-FR",
            ViewportSize = new ViewportSize { Width = 1000, Height = 760 },
        });
        var page = await context.NewPageAsync();
        // The browser's console goes to the test output: a script error is the first thing to read when a test fails.
        page.Console += (_, message) => _output.WriteLine($"[browser {message.Type}] {message.Text}");
        page.PageError += (_, error) => _output.WriteLine($"[browser error] {error}");
        page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) => _output.WriteLine($"[ws] {frame.Text?[..Math.Min(frame.Text.Length, 300)]}");
        return page;
    }
}
