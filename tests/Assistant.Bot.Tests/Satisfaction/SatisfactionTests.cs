using System.Text.Json.Nodes;
using Assistant.Bot.Tests.Channel;
using Assistant.Bot.Tests.Intake;
using Assistant.Ticketing.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Assistant.Bot.Tests.Satisfaction;

/// <summary>The satisfaction question over Direct Line: asked when the team resolves a ticket, answered with a button and a comment, stored on the ticket.</summary>
public sealed class SatisfactionTests(ITestOutputHelper output) : IDisposable
{
    private static readonly Actor Agent = new("agent", "staff-1", "Julie Martin");
    private readonly ChannelAppFactory _factory = new();

    private ITicketService Tickets => _factory.Services.GetRequiredService<ITicketService>();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_resolved_ticket_is_rated_with_a_button_and_the_next_message_is_its_commentAsync()
    {
        var (chat, reference) = await FileTicketAsync("dl_rate");

        Tickets.Update(reference, new TicketPatch(Status: TicketStatuses.Resolved), Agent);
        var question = (await chat.ReceiveAsync())[0];
        var buttons = Buttons(question);
        Assert.Contains(reference, ChatSession.Text(question), StringComparison.Ordinal);
        Assert.Equal(5, buttons.Count);
        Assert.Equal($"Note 4/5 pour {reference}", buttons[3]);

        var thanks = await chat.SayAsync(buttons[3]);
        Assert.Contains("4/5", ChatSession.Text(thanks[^1]), StringComparison.Ordinal);
        Assert.Equal(["Pas de commentaire"], Buttons(thanks[^1]));
        Assert.Equal(4, Tickets.Find(reference)!.Satisfaction!.Score);

        var noted = await chat.SayAsync("Réponse rapide et claire, merci à Julie !");
        Assert.Contains("commentaire est transmis", ChatSession.Text(noted[^1]), StringComparison.Ordinal);
        var ticket = Tickets.Find(reference)!;
        Assert.Equal((4, "Réponse rapide et claire, merci à Julie !"), (ticket.Satisfaction!.Score, ticket.Satisfaction.Comment));
        Assert.Equal(2, ticket.History.Count(h => h.Field == "satisfaction" && h.ActorKind == "requester"));
        Assert.Single(Tickets.Query(new TicketQuery { ConversationId = chat.ConversationId }));

        // The comment was taken once: what follows goes back to the dialog, and a later click changes the score.
        var again = await chat.SayAsync(buttons[1]);
        Assert.Contains("2/5", ChatSession.Text(again[^1]), StringComparison.Ordinal);
        await chat.SayAsync("Pas de commentaire");
        Assert.Equal((2, "Réponse rapide et claire, merci à Julie !"), (Tickets.Find(reference)!.Satisfaction!.Score, Tickets.Find(reference)!.Satisfaction!.Comment));
    }

    [Fact]
    public async Task A_rating_for_a_ticket_not_resolved_or_not_the_users_own_is_refused_and_stores_nothingAsync()
    {
        var (chat, reference) = await FileTicketAsync("dl_open");

        var refused = await chat.SayAsync($"Note 5/5 pour {reference}");
        Assert.Contains("ne peux pas enregistrer", ChatSession.Text(refused[^1]), StringComparison.Ordinal);

        Tickets.Update(reference, new TicketPatch(Status: TicketStatuses.Resolved), Agent);
        await chat.ReceiveAsync();
        var stranger = await ChatSession.StartAsync(new DirectLineTestClient(_factory.CreateClient()), "dl_stranger");
        await stranger.SayAsync("Accepter et valider");
        var strangers = await stranger.SayAsync($"Note 1/5 pour {reference}");
        Assert.Contains("ne peux pas enregistrer", ChatSession.Text(strangers[^1]), StringComparison.Ordinal);
        Assert.Null(Tickets.Find(reference)!.Satisfaction);
    }

    private static List<string> Buttons(JsonObject message) =>
        [.. (message["suggestedActions"]?["actions"]?.AsArray() ?? []).Select(a => (string?)a!["value"] ?? "")];

    private Task<(ChatSession Chat, string Reference)> FileTicketAsync(string userId) =>
        ChatSession.FileTicketAsync(
            new DirectLineTestClient(_factory.CreateClient()) { Log = output.WriteLine }, userId,
            "Le partage d'un dossier Ibox avec un collègue échoue depuis hier.", "Incident", "Ibox");
}
