namespace Assistant.Ticketing.Tickets;

/// <summary>
/// The status workflow: new → open → pending → resolved → closed, a resolved ticket may be reopened,
/// and quarantine (moderation) sits aside: an agent releases a quarantined ticket (open) or closes it.
/// </summary>
public static class TicketWorkflow
{
    private static readonly Dictionary<string, string[]> Next = new(StringComparer.Ordinal)
    {
        [TicketStatuses.New] = [TicketStatuses.Open, TicketStatuses.Pending, TicketStatuses.Resolved, TicketStatuses.Quarantined],
        [TicketStatuses.Open] = [TicketStatuses.Pending, TicketStatuses.Resolved, TicketStatuses.Quarantined],
        [TicketStatuses.Pending] = [TicketStatuses.Open, TicketStatuses.Resolved],
        [TicketStatuses.Resolved] = [TicketStatuses.Open, TicketStatuses.Closed],
        [TicketStatuses.Closed] = [],
        [TicketStatuses.Quarantined] = [TicketStatuses.Open, TicketStatuses.Closed],
    };

    public static IReadOnlyCollection<string> NextStatuses(string from) => Next.GetValueOrDefault(from) ?? [];

    public static bool CanMove(string from, string to) => NextStatuses(from).Contains(to, StringComparer.Ordinal);
}
