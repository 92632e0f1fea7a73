using System.Text.Json.Nodes;
using Assistant.Bot.SelfService;
using Assistant.Bot.Tests.Channel;
using Assistant.Bot.Tests.Intake;
using Assistant.Ticketing.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Assistant.Bot.Tests.SelfService;

/// <summary>
/// Self-service answers through Direct Line against the real host and the shipped articles: what the user reads,
/// which buttons they get, and whether a ticket is filed.
/// </summary>
public sealed class SelfServiceScenarioTests : IDisposable
{
    private readonly ChannelAppFactory _factory = new();
    private readonly DirectLineTestClient _client;

    public SelfServiceScenarioTests(ITestOutputHelper output)
    {
        _factory.Settings["Assistant:SelfService:Enabled"] = "true";
        _client = new DirectLineTestClient(_factory.CreateClient()) { Log = output.WriteLine };
    }

    private IReadOnlyList<Ticket> TicketsOf(string userId) =>
        _factory.Services.GetRequiredService<ITicketService>().Query(new TicketQuery(RequesterUserId: userId));

    private SelfServiceFigures Figures() => SelfServiceFigures.Count(
        _factory.Services.GetRequiredService<SelfServiceLog>().Since(DateTimeOffset.MinValue), DateTimeOffset.MinValue, _factory.Clock.GetUtcNow(), TimeSpan.FromHours(24));

    private static List<string?> Buttons(JsonObject message) =>
        [.. message["suggestedActions"]?["actions"]?.AsArray().Select(a => (string?)a!["title"]) ?? []];

    [Fact]
    public async Task A_password_question_gets_the_article_and_yes_ends_without_a_ticketAsync()
    {
        var chat = await ChatSession.StartOnPageAsync(_client, "icosnet");
        Assert.Equal("consent", chat.PendingSlot);

        await chat.SayAsync("Comment réinitialiser mon mot de passe ?");
        Assert.Equal("article", chat.PendingSlot);
        var answer = ChatSession.Text(chat.LastPrompt);
        Assert.Contains("Mot de passe oublié", answer, StringComparison.Ordinal);
        Assert.Contains("oublié", answer[answer.IndexOf("connexion", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Contains("https://apps.icosnet.com/aide/mot-de-passe-oublie", answer, StringComparison.Ordinal);
        Assert.Equal(["Oui, c'est réglé", "Non, ouvrir une demande"], Buttons(chat.LastPrompt));

        await chat.SayAsync("Oui");
        Assert.Contains("Je n'ouvre pas de demande", ChatSession.Text(chat.LastPrompt), StringComparison.Ordinal);
        Assert.Null(chat.PendingSlot);
        Assert.Empty(TicketsOf(chat.UserId));
        var figures = Figures();
        Assert.Equal((1, 1, 0), (figures.Offered, figures.Confirmed, figures.NotHelped));
        Assert.Equal("icosnet/password-reset", Assert.Single(figures.Articles).Article);
    }

    [Fact]
    public async Task No_files_a_ticket_that_names_the_article_and_asks_nothing_said_alreadyAsync()
    {
        var chat = await ChatSession.StartOnPageAsync(_client, "icosnet");
        await chat.SayAsync("Je n'arrive pas à me connecter à l'espace client, mon compte est bloqué après plusieurs essais");
        Assert.Equal("article", chat.PendingSlot);
        Assert.Contains("https://apps.icosnet.com/aide/connexion", ChatSession.Text(chat.LastPrompt), StringComparison.Ordinal);

        await chat.SayAsync("Non");
        Assert.Contains(chat.BotMessages.TakeLast(2), m => ChatSession.Text(m).StartsWith("Dommage", StringComparison.Ordinal));
        Assert.Equal("consent", chat.PendingSlot);
        // No answer for "description" or "product": asking either again would throw.
        var reference = await chat.AnswerUntilFiledAsync(new Dictionary<string, string>
        {
            ["consent"] = "Accepter et valider",
            ["category"] = "Accès",
            ["name"] = "Marie Dupont",
            ["email"] = "marie.dupont@example.fr",
            ["phone"] = "Passer",
            ["customerNumber"] = "Pas client",
            ["confirmation"] = "Confirmer",
        });

        var ticket = Assert.Single(TicketsOf(chat.UserId));
        Assert.Equal(reference, ticket.Reference);
        Assert.Contains("mon compte est bloqué", ticket.Description, StringComparison.Ordinal);
        Assert.Contains("icosnet/sign-in", ticket.Description, StringComparison.Ordinal);
        Assert.Contains("https://apps.icosnet.com/aide/connexion", ticket.Description, StringComparison.Ordinal);
        Assert.Equal("client-space", ticket.Product);
        Assert.DoesNotContain(chat.BotMessages, m => (string?)m["channelData"]?["slot"] == "description");
        Assert.Equal(1, Figures().NotHelped);
    }

    [Fact]
    public async Task A_problem_no_article_covers_goes_straight_to_the_ticketAsync()
    {
        var chat = await ChatSession.StartOnPageAsync(_client, "icosnet");
        await chat.SayAsync("Notre routeur clignote en rouge et la fibre est coupée depuis ce matin");
        Assert.Equal("consent", chat.PendingSlot);
        Assert.DoesNotContain(chat.BotMessages, m => (string?)m["channelData"]?["slot"] == "article");
        var figures = Figures();
        Assert.Equal((0, 1), (figures.Offered, figures.NothingFound));
        Assert.Contains("routeur", Assert.Single(figures.Unanswered).Question, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asking_for_a_person_never_gets_an_articleAsync()
    {
        var chat = await ChatSession.StartOnPageAsync(_client, "icosnet");
        await chat.SayAsync("J'ai oublié mon mot de passe, je veux parler à un conseiller");
        Assert.DoesNotContain(chat.BotMessages, m => (string?)m["channelData"]?["slot"] == "article");
        Assert.DoesNotContain(chat.BotMessages, m => ChatSession.Text(m).Contains("aide/mot-de-passe-oublie", StringComparison.Ordinal));
        Assert.Equal(0, Figures().Offered);
    }

    [Fact]
    public async Task An_english_question_gets_the_english_articleAsync()
    {
        var chat = await ChatSession.StartOnPageAsync(_client, "icosnet");
        await chat.SayAsync("Hello, I forgot my password, how do I reset it?");
        Assert.Equal("article", chat.PendingSlot);
        var answer = ChatSession.Text(chat.LastPrompt);
        Assert.Contains("Forgot your password: get a new one", answer, StringComparison.Ordinal);
        Assert.Contains("Does this solve your problem?", answer, StringComparison.Ordinal);
        Assert.Equal(["Yes, solved", "No, open a request"], Buttons(chat.LastPrompt));
        Assert.Equal("en-US", (string?)chat.LastPrompt["locale"]);
    }

    [Fact]
    public async Task An_answer_left_unanswered_counts_as_assumed_after_a_day_until_the_user_says_noAsync()
    {
        var chat = await ChatSession.StartOnPageAsync(_client, "icosnet");
        await chat.SayAsync("Comment partager un dossier Ibox avec un collègue ?");
        Assert.Equal("article", chat.PendingSlot);
        _factory.Clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal((0, 1), (Figures().Assumed, Figures().Open));
        _factory.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal((1, 0), (Figures().Assumed, Figures().Open));

        // The user comes back the next day (the page's token has expired: a new one, same conversation) and says no.
        var back = await ChatSession.ResumeAsync(_client, chat.ConversationId, chat.UserId);
        await back.SayAsync("Non");
        Assert.Equal("consent", back.PendingSlot);
        var figures = Figures();
        Assert.Equal((0, 1), (figures.Assumed, figures.NotHelped));
    }

    public void Dispose() => _factory.Dispose();
}
