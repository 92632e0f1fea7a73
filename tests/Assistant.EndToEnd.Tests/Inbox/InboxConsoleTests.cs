using System.Text.RegularExpressions;
using Assistant.EndToEnd.Tests.WebChat;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Assistant.EndToEnd.Tests.Inbox;

/// <summary>
/// Two pages in one Chromium: a week-old unanswered ticket shows as late; the assistant files a visitor's ticket while an agent has the inbox open; the ticket
/// appears there without a reload, a search and a filter narrow the list, the agent writes an internal note and a
/// public reply, and the visitor's WebChat shows the reply with the agent's name, never the note; the agent resolves the
/// ticket and the visitor rates it from WebChat; then the agent takes the conversation the bot still has.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed partial class InboxConsoleTests(InboxServerFixture fixture, ITestOutputHelper output) : IClassFixture<InboxServerFixture>
{
    private const int Slow = 20_000;
    private const string Problem = "Depuis ce matin la visio V-room coupe le son de tous les participants pendant nos réunions.";
    private const string Note = "Vérifier le serveur audio du client avant de répondre";
    private const string Reply = "Nous avons relancé le pont audio de votre salle, pouvez-vous réessayer ?";

    [Fact]
    public async Task An_agent_finds_the_ticket_the_assistant_filed_and_replies_publicly_in_the_visitor_s_chatAsync()
    {
        var agent = await NewPageAsync();
        await agent.GotoAsync(new Uri(fixture.Server, "/agent").ToString());
        await agent.FillAsync("#login-form [name=email]", InboxServerFixture.AgentEmail);
        await agent.FillAsync("#login-form [name=password]", InboxServerFixture.AgentPassword);
        await agent.ClickAsync("#login-form button[type=submit]");
        await Assertions.Expect(agent.Locator("#feed-status")).ToContainTextAsync("en ligne", new() { Timeout = Slow });
        await agent.ClickAsync(".tabs [data-tab=inbox]");

        // The ticket nobody answered for a week is marked late, and alone in the "Retard" view.
        var old = agent.Locator($"#inbox-list li[data-reference='{fixture.LateReference}']");
        await Assertions.Expect(old).ToHaveAttributeAsync("data-sla", "breached", new() { Timeout = Slow });
        await Assertions.Expect(old.Locator(".sla")).ToContainTextAsync("1re réponse en retard de");
        await Assertions.Expect(agent.Locator("#count-late")).ToHaveTextAsync("1");
        await agent.ClickAsync("#inbox-views [data-inbox-view=late]");
        await Assertions.Expect(agent.Locator("#inbox-list li")).ToHaveCountAsync(1, new() { Timeout = Slow });
        await Assertions.Expect(old).ToBeVisibleAsync();
        await agent.ClickAsync("#inbox-views [data-inbox-view=active]");

        var user = await NewPageAsync();
        await user.GotoAsync(new Uri(fixture.Server, "/").ToString());
        await user.Locator("button.webchat__suggested-actions__button", new() { HasText = "Accepter et valider" }).ClickAsync(new() { Timeout = Slow });
        await Assertions.Expect(Bubble(user, "Quel est votre problème")).ToBeVisibleAsync(new() { Timeout = Slow });
        await SayAsync(user, "Bonjour, je m'appelle Paul Martin, paul.martin@example.com, 06 00 00 00 12. " + Problem);
        var reference = await AnswerUntilFiledAsync(user);

        // The inbox was open before the ticket existed: the live feed brings it in.
        var line = agent.Locator($"#inbox-list li[data-reference='{reference}']");
        await Assertions.Expect(line).ToBeVisibleAsync(new() { Timeout = Slow });
        await Assertions.Expect(line.Locator(".sla")).ToContainTextAsync("1re réponse dans");
        await Assertions.Expect(agent.Locator("#count-active")).ToHaveTextAsync("2", new() { Timeout = Slow });
        // Earliest due first: the late ticket stays on top.
        await Assertions.Expect(agent.Locator("#inbox-list li").First).ToHaveAttributeAsync("data-reference", fixture.LateReference);

        // A search and a filter narrow the list.
        await agent.FillAsync("#inbox-search", "facture impayée");
        await agent.PressAsync("#inbox-search", "Enter");
        await Assertions.Expect(agent.Locator("#inbox-empty")).ToBeVisibleAsync(new() { Timeout = Slow });
        await agent.FillAsync("#inbox-search", "coupe le son");
        await agent.PressAsync("#inbox-search", "Enter");
        await Assertions.Expect(line).ToBeVisibleAsync(new() { Timeout = Slow });
        await agent.SelectOptionAsync("#inbox-category", "billing");
        await Assertions.Expect(agent.Locator("#inbox-list li")).ToHaveCountAsync(0, new() { Timeout = Slow });
        await agent.SelectOptionAsync("#inbox-category", "incident");
        await Assertions.Expect(line).ToBeVisibleAsync(new() { Timeout = Slow });
        await agent.ScreenshotAsync(new() { Path = Browser.ArtifactPath("inbox-list.png") });

        await line.ClickAsync();
        await Assertions.Expect(agent.Locator("#tv-reference")).ToHaveTextAsync(reference, new() { Timeout = Slow });
        await Assertions.Expect(agent.Locator("#tv-transcript li.user", new() { HasText = "coupe le son" })).ToBeVisibleAsync(new() { Timeout = Slow });
        await Assertions.Expect(agent.Locator("#tv-first-response")).ToContainTextAsync("due");

        await agent.FillAsync("#tv-message", Note);
        await agent.ClickAsync("#tv-note");
        await Assertions.Expect(agent.Locator("#tv-thread li.internal", new() { HasText = Note })).ToBeVisibleAsync(new() { Timeout = Slow });
        await agent.FillAsync("#tv-message", Reply);
        await agent.ClickAsync("#tv-reply");
        await Assertions.Expect(agent.Locator("#tv-thread li.agent", new() { HasText = "pont audio" })).ToBeVisibleAsync(new() { Timeout = Slow });
        await Assertions.Expect(agent.Locator("#tv-first-response")).ToContainTextAsync("dans le délai");
        await Assertions.Expect(agent.Locator("#tv-history li", new() { HasText = "réponse publique" })).ToContainTextAsync(InboxServerFixture.AgentName);
        // Answered: the line's countdown now runs to the resolution due time.
        await Assertions.Expect(line.Locator(".sla")).ToContainTextAsync("résolution dans", new() { Timeout = Slow });

        // The reply reaches the visitor's chat with the agent's name; the note, written before it, never does.
        var answer = Bubble(user, "pont audio");
        await Assertions.Expect(answer).ToBeVisibleAsync(new() { Timeout = Slow });
        await Assertions.Expect(answer).ToContainTextAsync(InboxServerFixture.AgentName);
        await Assertions.Expect(answer).ToContainTextAsync(reference);
        await Assertions.Expect(Bubble(user, "serveur audio")).ToHaveCountAsync(0);
        await agent.ScreenshotAsync(new() { Path = Browser.ArtifactPath("inbox-ticket-view.png") });
        await user.ScreenshotAsync(new() { Path = Browser.ArtifactPath("inbox-user-reply.png") });

        // Resolved: the visitor is asked for a rating in WebChat, and the score shows in the agent's ticket view.
        await agent.SelectOptionAsync("#tv-status", "resolved");
        await Assertions.Expect(Bubble(user, "est résolue")).ToBeVisibleAsync(new() { Timeout = Slow });
        await user.Locator("button.webchat__suggested-actions__button", new() { HasText = "5 · tout à fait" }).ClickAsync(new() { Timeout = Slow });
        await Assertions.Expect(Bubble(user, "Merci pour votre note (5/5)")).ToBeVisibleAsync(new() { Timeout = Slow });
        await Assertions.Expect(agent.Locator("#tv-satisfaction")).ToContainTextAsync("5/5", new() { Timeout = Slow });
        await user.ScreenshotAsync(new() { Path = Browser.ArtifactPath("inbox-user-rating.png") });

        // The bot still has the conversation: the agent takes it from the ticket and talks in it directly.
        await agent.ClickAsync("#tv-take");
        await Assertions.Expect(agent.Locator("#conversation-state")).ToHaveTextAsync("Vous avez la conversation.", new() { Timeout = Slow });
        await Assertions.Expect(agent.Locator("#ticket-reference")).ToHaveTextAsync(reference, new() { Timeout = Slow });
        await Assertions.Expect(Bubble(user, "en relation avec " + InboxServerFixture.AgentName)).ToBeVisibleAsync(new() { Timeout = Slow });
    }

    [Fact]
    public async Task An_agent_deletes_a_quarantined_ticket_from_the_quarantine_viewAsync()
    {
        var filed = fixture.Tickets.Create(
            new Assistant.Ticketing.Tickets.NewTicket("digisense", "Message mis de côté", "Texte retenu par la modération.", "question", "other", "low", "model",
                new Assistant.Ticketing.Tickets.Requester { UserId = "user-quarantine" }, "conv-quarantine", Quarantined: true),
            new Assistant.Ticketing.Tickets.Actor("system", "moderation"));
        var agent = await NewPageAsync();
        await agent.GotoAsync(new Uri(fixture.Server, "/agent").ToString());
        await agent.FillAsync("#login-form [name=email]", InboxServerFixture.AgentEmail);
        await agent.FillAsync("#login-form [name=password]", InboxServerFixture.AgentPassword);
        await agent.ClickAsync("#login-form button[type=submit]");
        await agent.ClickAsync(".tabs [data-tab=inbox]", new() { Timeout = Slow });
        await agent.ClickAsync("#inbox-views [data-inbox-view=quarantined]");
        var line = agent.Locator($"#inbox-list li[data-reference='{filed.Reference}']");
        await line.ClickAsync(new() { Timeout = Slow });

        await Assertions.Expect(agent.Locator("#tv-quarantine")).ToBeVisibleAsync(new() { Timeout = Slow });
        agent.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await agent.ClickAsync("#tv-delete");

        await Assertions.Expect(agent.Locator("#ticket-view-error")).ToContainTextAsync("supprimée", new() { Timeout = Slow });
        await Assertions.Expect(line).ToHaveCountAsync(0, new() { Timeout = Slow });
        Assert.Null(fixture.Tickets.Find(filed.Reference));
    }

    /// <summary>Answers the intake's choices (category, customer number, confirmation) until the bot gives the reference.</summary>
    private static async Task<string> AnswerUntilFiledAsync(IPage user)
    {
        var filed = Bubble(user, "est enregistrée");
        var choice = user.Locator("button.webchat__suggested-actions__button").Filter(new() { HasTextRegex = ChoicePattern() });
        for (var step = 0; step < 8 && await filed.CountAsync() == 0; step++)
        {
            await Assertions.Expect(filed.Or(choice).First).ToBeVisibleAsync(new() { Timeout = Slow });
            if (await filed.CountAsync() > 0)
            {
                break;
            }

            var button = choice.First;
            var text = (await button.InnerTextAsync()).Trim();
            await button.ClickAsync();
            // The choices of a prompt go once it is answered; the next prompt brings its own.
            await Assertions.Expect(user.Locator("button.webchat__suggested-actions__button", new() { HasText = text })).ToHaveCountAsync(0, new() { Timeout = Slow });
        }

        var text2 = await filed.First.InnerTextAsync(new() { Timeout = Slow });
        return ReferencePattern().Match(text2).Value;
    }

    private static async Task SayAsync(IPage page, string text)
    {
        var sendBox = page.Locator("[data-id='webchat-sendbox-input']");
        await sendBox.FillAsync(text);
        await sendBox.PressAsync("Enter");
        var mine = page.Locator("#webchat .webchat__bubble--from-user .webchat__text-content", new() { HasText = text[..30] });
        await Assertions.Expect(mine.Last).ToBeVisibleAsync();
    }

    private static ILocator Bubble(IPage page, string text) =>
        page.Locator("#webchat .webchat__text-content", new() { HasText = text });

    private async Task<IPage> NewPageAsync()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "fr-FR",
            ViewportSize = new ViewportSize { Width = 1280, Height = 860 },
        });
        var page = await context.NewPageAsync();
        page.Console += (_, message) => output.WriteLine($"[browser {message.Type}] {message.Text}");
        page.PageError += (_, error) => output.WriteLine($"[browser error] {error}");
        return page;
    }

    [GeneratedRegex("^(Incident|Pas client|Passer|Confirmer)$")]
    private static partial Regex ChoicePattern();

    [GeneratedRegex(@"DGS-\d{4}-\d{6}")]
    private static partial Regex ReferencePattern();
}
