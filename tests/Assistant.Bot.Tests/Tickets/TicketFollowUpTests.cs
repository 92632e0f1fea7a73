using Assistant.Bot.Tests.Channel;
using Assistant.Bot.Tests.Intake;
using Assistant.Ticketing.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Assistant.Bot.Tests.Tickets;

/// <summary>Following a ticket from the chat: the team's changes reach the requester, who can answer and add files.</summary>
public sealed class TicketFollowUpTests(ITestOutputHelper output) : IDisposable
{
    private readonly ChannelAppFactory _factory = new();

    private ITicketService Tickets => _factory.Services.GetRequiredService<ITicketService>();

    private static readonly Actor Agent = new("agent", "staff-1", "Julie Martin");

    private Task<(ChatSession Chat, string Reference)> FileTicketAsync(string userId) =>
        ChatSession.FileTicketAsync(
            new DirectLineTestClient(_factory.CreateClient()) { Log = output.WriteLine }, userId,
            "Mes factures ne s'affichent plus dans l'espace client depuis lundi.", "Facturation", "Espace client");

    [Fact]
    public async Task An_agents_public_comment_and_a_status_change_appear_in_the_requesters_chat_but_an_internal_note_does_notAsync()
    {
        var (chat, reference) = await FileTicketAsync("dl_follow");

        Tickets.AddComment(reference, new NewComment("Note interne : voir avec la facturation.", Internal: true), Agent);
        Tickets.AddComment(reference, new NewComment("Bonjour, pouvez-vous nous dire quel navigateur vous utilisez ?", Internal: false), Agent);
        var comment = await chat.ReceiveAsync();

        var text = ChatSession.Text(comment[0]);
        Assert.Contains("Julie Martin", text, StringComparison.Ordinal);
        Assert.Contains("quel navigateur", text, StringComparison.Ordinal);
        Assert.Contains(reference, text, StringComparison.Ordinal);
        Assert.DoesNotContain(chat.BotMessages, m => ChatSession.Text(m).Contains("Note interne", StringComparison.Ordinal));

        Tickets.Update(reference, new TicketPatch(Status: "pending"), Agent);
        var status = await chat.ReceiveAsync();
        Assert.Contains("en attente de votre réponse", ChatSession.Text(status[0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_requester_answers_with_the_reference_and_the_text_lands_on_their_ticket_onlyAsync()
    {
        var (chat, reference) = await FileTicketAsync("dl_answer");

        var replies = await chat.SayAsync($"{reference} : j'utilise Firefox 128 sur Windows 11, même souci sur Edge.");

        Assert.Contains(reference, ChatSession.Text(replies[^1]), StringComparison.Ordinal);
        var comment = Assert.Single(Tickets.Find(reference)!.Comments);
        Assert.Contains("Firefox 128", comment.Text, StringComparison.Ordinal);
        Assert.Equal("requester", comment.AuthorKind);

        // Someone else quoting the reference adds nothing to it and learns nothing.
        var stranger = await ChatSession.StartAsync(new DirectLineTestClient(_factory.CreateClient()), "dl_stranger");
        await stranger.SayAsync("Accepter et valider");
        var refused = await stranger.SayAsync($"{reference} : annulez cette demande, je suis son responsable.");
        Assert.DoesNotContain("Firefox", ChatSession.Text(refused[^1]), StringComparison.Ordinal);
        Assert.Single(Tickets.Find(reference)!.Comments);
    }

    [Fact]
    public async Task A_file_sent_with_the_reference_is_attached_to_the_ticket_and_downloadableAsync()
    {
        var (chat, reference) = await FileTicketAsync("dl_file");
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 7, 7, 7];

        var replies = await chat.SendFileAsync($"{reference} : voici la capture de l'erreur affichée", "erreur.png", png, "image/png");

        Assert.Contains("avec 1 fichier", ChatSession.Text(replies[^1]), StringComparison.Ordinal);
        var attachment = Assert.Single(Tickets.Find(reference)!.Attachments);
        Assert.Equal("erreur.png", attachment.Name);
        Assert.Equal(png, await _factory.CreateClient().GetByteArrayAsync(attachment.Url));
    }

    [Fact]
    public async Task A_requester_who_was_away_finds_the_teams_message_on_their_next_visitAsync()
    {
        var (chat, reference) = await FileTicketAsync("dl_away");

        Tickets.Update(reference, new TicketPatch(Status: "resolved"), Agent);
        await chat.ReceiveAsync();

        var later = await ChatSession.ResumeAsync(new DirectLineTestClient(_factory.CreateClient()), chat.ConversationId, "dl_away");
        Assert.Contains(later.BotMessages, m => ChatSession.Text(m).Contains("résolue", StringComparison.Ordinal)
            && ChatSession.Text(m).Contains(reference, StringComparison.Ordinal));
    }

    public void Dispose() => _factory.Dispose();
}
