using Assistant.Ticketing.Tickets;

namespace Assistant.Ticketing.Inbox;

/// <summary>The inbox's unread marker: the requester wrote after the team last touched the ticket (a reply, a note, a change).</summary>
public static class TicketUnread
{
    public static bool HasUnread(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var lastFromRequester = ticket.Comments.Where(c => c.AuthorKind == "requester").Select(c => (DateTimeOffset?)c.At).Max();
        if (lastFromRequester is null)
        {
            return false;
        }

        var lastByTeam = ticket.History.Where(h => h.ActorKind is "agent" or "admin").Select(h => (DateTimeOffset?)h.At).Max();
        return lastByTeam is null || lastFromRequester > lastByTeam;
    }
}
