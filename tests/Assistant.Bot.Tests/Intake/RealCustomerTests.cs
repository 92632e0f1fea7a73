using Assistant.Bot.Handoff;
using Assistant.Bot.Tests.Handoff;
using Assistant.Moderation.Sanctions;
using Assistant.Ticketing.Staff;
using Assistant.Ticketing.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Assistant.Bot.Tests.Intake;

/// <summary>
/// Ordinary customers over Direct Line with the real models: a request for a person reaches the team without a strike,
/// a vague opener or an off-topic question is never filed as a problem, and tickets read as an agent needs them.
/// </summary>
public sealed class RealCustomerTests(ITestOutputHelper output) : IDisposable
{
    private readonly HandoffTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private T Service<T>() where T : notnull => _host.Factory.Services.GetRequiredService<T>();

    private IReadOnlyList<Ticket> TicketsOf(string userId) => Service<ITicketService>().Query(new TicketQuery(RequesterUserId: userId));

    private async Task<ChatSession> StartAsync(string userId)
    {
        var client = new Channel.DirectLineTestClient(_host.Factory.CreateClient()) { Log = output.WriteLine };
        return await ChatSession.StartAsync(client, userId);
    }

    [Theory]
    [InlineData("Je n'arrive plus à me connecter à mon espace client, je veux parler à un conseiller humain")]
    [InlineData("Je veux parler à un conseiller, pas à un robot, pour un souci de facture")]
    [InlineData("I've been locked out of the client portal since this morning, can I speak to a real person please?")]
    [InlineData("passez moi qqn svp jcomprends rien a vos factures")]
    public async Task A_request_for_a_person_reaches_the_queue_at_once_with_no_strikeAsync(string text)
    {
        await using var alice = await _host.AgentAsync("Alice", StaffRoles.Agent, "digisense");
        await alice.OpenFeedAsync();
        var userId = "dl_person-" + Math.Abs(text.GetHashCode(StringComparison.Ordinal));
        var chat = await StartAsync(userId);

        // The first message, before the terms are accepted: talking to a person files nothing and needs no consent.
        await chat.SayAsync(text);

        var queued = await alice.NextEventAsync(e => e.Name == "handoff" && (string?)e.Data!["conversationId"] == chat.ConversationId);
        Assert.Equal("pending", (string?)queued.Data!["state"]);
        Assert.Equal(HandoffStates.Pending, Service<HandoffStore>().Find(chat.ConversationId)?.State);
        var status = Service<ISanctionService>().GetStatus("digisense", userId, DateTimeOffset.UtcNow);
        Assert.Equal(0, status.Strikes);
        Assert.Equal(SanctionLevels.None, status.Level);
        Assert.Empty(TicketsOf(userId));
    }

    [Theory]
    [InlineData("Hello, I need help")]
    [InlineData("bonjour j'ai un souci")]
    [InlineData("Bonjour, j'ai une question svp")]
    public async Task A_vague_opener_is_asked_for_the_problem_and_never_filed_as_itAsync(string opener)
    {
        var chat = await StartAsync("dl_vague");
        await chat.SayAsync(opener);
        await chat.SayAsync(chat.PendingSlot == "consent" ? (opener.StartsWith("Hello", StringComparison.Ordinal) ? "I accept" : "Accepter et valider") : "oui");

        Assert.Equal("description", chat.PendingSlot);
        var reference = await chat.AnswerUntilFiledAsync(new Dictionary<string, string>
        {
            ["description"] = "Depuis hier la synchronisation Ibox s'arrête à 40 % sur mon poste.",
            ["product"] = "Ibox",
            ["category"] = "Incident",
            ["name"] = "Marie Dupont",
            ["email"] = "marie.dupont@example.fr",
            ["phone"] = "06 00 00 00 21",
            ["customerNumber"] = "Pas client",
            ["confirmation"] = "Confirmer",
        });

        var ticket = Service<ITicketService>().Find(reference)!;
        Assert.DoesNotContain(opener, ticket.Description, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("Depuis hier la synchronisation Ibox", ticket.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_off_topic_first_message_is_not_kept_as_the_problem_and_files_nothingAsync()
    {
        var chat = await StartAsync("dl_recipe");
        await chat.SayAsync("Quelle est la recette de la blanquette de veau ?");
        await chat.SayAsync("Accepter et valider");

        Assert.Equal("description", chat.PendingSlot);
        Assert.Empty(TicketsOf("dl_recipe"));
    }

    [Fact]
    public async Task The_title_of_an_all_in_one_message_is_the_problem_without_greeting_or_contact_detailsAsync()
    {
        var chat = await StartAsync("dl_title");
        await chat.SayAsync("Bonjour, je m'appelle Marie Durand, marie.durand@example.fr, 06 00 00 00 34. Depuis ce matin la visio V-room coupe le son de tous les participants pendant nos réunions.");
        await chat.SayAsync("Accepter et valider");
        var reference = await chat.AnswerUntilFiledAsync(new Dictionary<string, string>
        {
            ["category"] = "Incident",
            ["customerNumber"] = "Pas client",
            ["confirmation"] = "Confirmer",
        });

        var ticket = Service<ITicketService>().Find(reference)!;
        Assert.StartsWith("Depuis ce matin la visio V-room coupe le son", ticket.Title, StringComparison.Ordinal);
        Assert.True(ticket.Title.Length <= 80, ticket.Title);
        foreach (var contact in new[] { "Marie", "Durand", "marie.durand@example.fr", "06 00 00 00 34", "Bonjour" })
        {
            Assert.DoesNotContain(contact, ticket.Title, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(contact, ticket.Description, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal("Marie Durand", ticket.Requester.Name);
        Assert.Equal("marie.durand@example.fr", ticket.Requester.Email);
        Assert.Contains("coupe le son", ticket.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_english_description_naming_ibox_is_filed_on_ibox_with_an_english_summary_titleAsync()
    {
        var chat = await StartAsync("dl_english-title");
        await chat.SayAsync("Hi there, my name is John Carter (john.carter@example.com). Since yesterday my iBox folders stopped syncing on my Windows laptop, the client shows error 0x80.");
        await chat.SayAsync("I accept");
        var reference = await chat.AnswerUntilFiledAsync(new Dictionary<string, string>
        {
            ["category"] = "Incident",
            ["phone"] = "Skip",
            ["customerNumber"] = "Not a customer",
            ["confirmation"] = "Confirm",
        });

        var ticket = Service<ITicketService>().Find(reference)!;
        Assert.Equal("ibox", ticket.Product);
        Assert.StartsWith("Since yesterday my iBox folders stopped syncing", ticket.Title, StringComparison.Ordinal);
        Assert.DoesNotContain("John", ticket.Title, StringComparison.Ordinal);
        Assert.DoesNotContain("john.carter@example.com", ticket.Description, StringComparison.Ordinal);
        Assert.Contains("Your request", ChatSession.Text(chat.BotMessages[^1]), StringComparison.Ordinal);
    }
}
