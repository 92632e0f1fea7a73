using System.Text.Json;
using Assistant.Bot.Handoff;
using Assistant.Bot.Mail;
using Assistant.Bot.Tickets;
using Assistant.Ticketing.Tickets;

namespace Assistant.Bot.Inbox;

/// <summary>
/// Every stored ticket change goes to the open agent consoles of its operator (a <c>ticket</c> event on the
/// live feed, so inboxes refresh without a reload), then to the requester's chat as before, and to their mailbox.
/// </summary>
public sealed class InboxTicketEvents(AgentFeed feed, ChatTicketNotifier chat, MailNotifier mail) : ITicketEvents
{
    public void OnChanged(TicketChanged change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var ticket = change.Ticket;
        var json = JsonSerializer.Serialize(new TicketFeedEvent(ticket.Reference, ticket.OperatorId, change.Kind, ticket.Status), HandoffResponse.JsonOptions);
        feed.Publish(ticket.OperatorId, new FeedEvent("ticket", json));
        chat.OnChanged(change);
        // Queued before the caller's answer: once the change is acknowledged, its mail is in the outbox.
        mail.OnChanged(change);
    }
}
