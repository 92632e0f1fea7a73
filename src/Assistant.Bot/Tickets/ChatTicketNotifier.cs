using Assistant.Bot.Intake;
using Assistant.Bot.Satisfaction;
using Assistant.Bot.SemanticKernel;
using Assistant.Bot.Turns;
using Assistant.Ticketing.Tickets;

namespace Assistant.Bot.Tickets;

/// <summary>
/// Tells the requester in their own chat when the team changes a ticket's status or writes a public comment.
/// The message is appended to the conversation log, so a user who is away sees it on their next visit.
/// Changes made by the requester or the assistant itself, and internal notes, are not announced.
/// </summary>
public sealed partial class ChatTicketNotifier(
    IConversationSender sender,
    IntakeStateStore states,
    ReplyTemplates replies,
    ILogger<ChatTicketNotifier> logger) : ITicketEvents
{
    public void OnChanged(TicketChanged change)
    {
        var ticket = change.Ticket;
        var byTeam = change.Actor.Kind is "agent" or "admin";
        // An incident's own ticket has no chat: its updates reach the linked requesters through the notice desk.
        var announce = byTeam && ticket.ConversationId is not null && !ticket.IsIncident
            && (change.Kind == "status" || (change.Kind == "comment" && change.PublicComment is not null));
        if (!announce)
        {
            return;
        }
        // The ticket is stored; telling the user happens in the background and never fails the agent's request.
        _ = Task.Run(() => AnnounceAsync(change));
    }

    private async Task AnnounceAsync(TicketChanged change)
    {
        var ticket = change.Ticket;
        try
        {
            var language = states.Find(ticket.ConversationId!)?.Language ?? LanguageDetector.French;
            var values = new Dictionary<string, string?>
            {
                ["reference"] = ticket.Reference,
                ["status"] = Choices.StatusTitle(ticket.Status, language),
                ["agent"] = PlainText.OneLine(change.Actor.DisplayName ?? ""),
                ["comment"] = change.PublicComment ?? "",
            };
            // A resolution asks how satisfied the requester is, with one button per score.
            var rate = change.Kind == "status" && ticket.Status == TicketStatuses.Resolved;
            var key = change.Kind == "comment" ? "TicketCommented" : rate ? "TicketResolvedRate" : "TicketStatusChanged";
            var text = await replies.RenderAsync(key, language, values, CancellationToken.None);
            var activity = BotMessage.Plain(text, language);
            activity.ChannelData = new System.Text.Json.Nodes.JsonObject { ["ticketReference"] = ticket.Reference, ["ticketEvent"] = change.Kind };
            if (rate)
            {
                activity.SuggestedActions = BotMessage.Buttons(SatisfactionAnswers.Ratings(ticket.Reference, language), ticket.Requester.UserId);
            }
            await sender.SendAsync(ticket.ConversationId!, activity, CancellationToken.None);
            LogAnnounced(logger, ticket.Reference, change.Kind, ticket.ConversationId!);
        }
        catch (Exception ex)
        {
            LogAnnounceFailed(logger, ex, ticket.Reference, change.Kind);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticket {TicketReference} {Change} announced in conversation {ConversationId}")]
    private static partial void LogAnnounced(ILogger logger, string ticketReference, string change, string conversationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ticket {TicketReference} {Change} could not be announced in the chat")]
    private static partial void LogAnnounceFailed(ILogger logger, Exception exception, string ticketReference, string change);
}
