using Assistant.EndToEnd.Tests.WebChat;
using Microsoft.Playwright;

namespace Assistant.EndToEnd.Tests.Handoff;

/// <summary>
/// Two pages in one Chromium: a visitor in WebChat asks for a person, an agent takes the conversation in
/// the console, they talk both ways while the bot stays silent, the agent marks a moderation decision as wrong,
/// and gives the conversation back.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class AgentConsoleTests(HandoffServerFixture fixture) : IClassFixture<HandoffServerFixture>
{
    private const int Slow = 20_000;

    [Fact]
    public async Task A_visitor_asks_for_a_person_an_agent_takes_over_and_gives_the_conversation_backAsync()
    {
        var agent = await NewPageAsync();
        await agent.GotoAsync(new Uri(fixture.Server, "/agent").ToString());
        await agent.FillAsync("#login-form [name=email]", HandoffServerFixture.AgentEmail);
        await agent.FillAsync("#login-form [name=password]", HandoffServerFixture.AgentPassword);
        await agent.ClickAsync("#login-form button[type=submit]");
        await Assertions.Expect(agent.Locator("#who")).ToHaveTextAsync(HandoffServerFixture.AgentName);
        await Assertions.Expect(agent.Locator("#feed-status")).ToContainTextAsync("en ligne", new() { Timeout = Slow });

        var user = await NewPageAsync();
        await user.GotoAsync(new Uri(fixture.Server, "/").ToString());
        await Assertions.Expect(Bubble(user, "Bonjour, je suis")).ToBeVisibleAsync(new() { Timeout = Slow });
        // WebChat renders Markdown with typographic apostrophes, so the texts looked for avoid them.
        // A first visit starts with the terms of use: the suggested action accepts them.
        await user.Locator("button.webchat__suggested-actions__button", new() { HasText = "Accepter et valider" }).ClickAsync(new() { Timeout = Slow });
        await Assertions.Expect(Bubble(user, "Quel est votre problème")).ToBeVisibleAsync(new() { Timeout = Slow });
        await SayAsync(user, "je veux parler à un conseiller");
        await Assertions.Expect(Bubble(user, "position 1")).ToBeVisibleAsync(new() { Timeout = Slow });

        var waiting = agent.Locator("#queue li[data-state=pending]");
        await Assertions.Expect(waiting).ToHaveCountAsync(1, new() { Timeout = Slow });
        await waiting.ClickAsync();
        await Assertions.Expect(agent.Locator("#transcript li.user", new() { HasText = "je veux parler à un conseiller" })).ToBeVisibleAsync();
        await agent.ClickAsync("#accept");
        await Assertions.Expect(agent.Locator("#conversation-state")).ToHaveTextAsync("Vous avez la conversation.", new() { Timeout = Slow });
        await Assertions.Expect(Bubble(user, "en relation avec " + HandoffServerFixture.AgentName)).ToBeVisibleAsync(new() { Timeout = Slow });

        await agent.FillAsync("#reply", "Bonjour, je suis Camille. Que se passe-t-il ?");
        await Assertions.Expect(user.Locator(".webchat__typing-indicator")).ToBeVisibleAsync(new() { Timeout = Slow });
        await agent.PressAsync("#reply", "Enter");
        await Assertions.Expect(Bubble(user, "je suis Camille")).ToBeVisibleAsync(new() { Timeout = Slow });

        // "aide" would make the bot list its commands: while the agent has the conversation, it must not.
        await SayAsync(user, "aide");
        await Assertions.Expect(agent.Locator("#transcript li.user", new() { HasText = "aide" })).ToBeVisibleAsync(new() { Timeout = Slow });
        await SayAsync(user, "Mon Ibox ne synchronise plus depuis hier soir.");
        await Assertions.Expect(agent.Locator("#transcript li.user", new() { HasText = "Ibox ne synchronise plus" })).ToBeVisibleAsync(new() { Timeout = Slow });

        // Harsh criticism the shipped models score just above the refusal threshold (0.74 for 0.7, not enough for a strike):
        // the agent says the decision was wrong and gives the right label, which the console shows again after a reload.
        await SayAsync(user, "Vous êtes des guignols, ça fait trois fois que j'appelle");
        var praised = agent.Locator("#transcript li.user", new() { HasText = "des guignols" });
        await Assertions.Expect(praised).ToContainTextAsync("modération : abusive", new() { Timeout = Slow });
        await praised.Locator("button", new() { HasText = "Décision erronée" }).ClickAsync();
        await praised.Locator("select").SelectOptionAsync("ok");
        await praised.Locator("button", new() { HasText = "Réétiqueter" }).ClickAsync();
        await Assertions.Expect(praised).ToContainTextAsync("Réétiqueté : légitime");
        await agent.ReloadAsync();
        await agent.Locator("#queue li").First.ClickAsync(new() { Timeout = Slow });
        await Assertions.Expect(praised).ToContainTextAsync("Réétiqueté : légitime", new() { Timeout = Slow });
        await Assertions.Expect(praised.Locator("button", new() { HasText = "Modifier" })).ToBeVisibleAsync();
        await user.ScreenshotAsync(new() { Path = Browser.ArtifactPath("handoff-user-with-agent.png") });
        await agent.ScreenshotAsync(new() { Path = Browser.ArtifactPath("handoff-agent-console.png") });

        await agent.ClickAsync("#give-back");
        await Assertions.Expect(agent.Locator("#conversation-state")).ToHaveTextAsync("L'assistant a la conversation.", new() { Timeout = Slow });
        await Assertions.Expect(Bubble(user, "reprend la conversation")).ToBeVisibleAsync(new() { Timeout = Slow });
        // That notice comes after every turn the agent held, on the same stream: a reply to "aide" would be shown by now.
        await Assertions.Expect(Bubble(user, "Je peux :")).ToHaveCountAsync(0);
        await Assertions.Expect(agent.Locator("#queue li")).ToHaveCountAsync(0);

        await SayAsync(user, "aide");
        await Assertions.Expect(Bubble(user, "Je peux :")).ToBeVisibleAsync(new() { Timeout = Slow });
        await user.ScreenshotAsync(new() { Path = Browser.ArtifactPath("handoff-user-back-with-bot.png") });
    }

    private static async Task SayAsync(IPage page, string text)
    {
        var sendBox = page.Locator("[data-id='webchat-sendbox-input']");
        await sendBox.FillAsync(text);
        await sendBox.PressAsync("Enter");
        var mine = page.Locator("#webchat .webchat__bubble--from-user .webchat__text-content", new() { HasText = text });
        await Assertions.Expect(mine.Last).ToBeVisibleAsync();
    }

    /// <summary>The text of one transcript bubble (WebChat also keeps hidden copies for screen readers).</summary>
    private static ILocator Bubble(IPage page, string text) =>
        page.Locator("#webchat .webchat__text-content", new() { HasText = text });

    private async Task<IPage> NewPageAsync()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "fr-FR",
            ViewportSize = new ViewportSize { Width = 1200, Height = 800 },
        });
        return await context.NewPageAsync();
    }
}
