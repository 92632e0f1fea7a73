namespace Assistant.Ticketing.Tickets;

/// <summary>
/// Told after a ticket change is stored. The host implements it to tell the requester in their chat
/// (an agent's public comment, a status change). Internal notes are never passed on as public.
/// </summary>
public interface ITicketEvents
{
    void OnChanged(TicketChanged change);
}

/// <param name="Kind"><c>created</c>, <c>status</c>, <c>comment</c>, <c>attachment</c> or <c>updated</c>.</param>
/// <param name="PublicComment">The comment text when an agent wrote a public comment; null otherwise.</param>
public sealed record TicketChanged(Ticket Ticket, string Kind, Actor Actor, string? PublicComment);
