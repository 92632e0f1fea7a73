namespace Assistant.Ticketing.Inbox;

/// <summary>
/// One page of the team's inbox. Null filters are not applied. <see cref="Status"/> is a taxonomy status,
/// <c>active</c> (new, open, pending: the default) or <c>all</c>; quarantined tickets are shown apart: only with
/// <see cref="Quarantined"/> or <c>status=quarantined</c>. Reports linked to an open incident ticket are folded under it
/// (the incident is the one piece of work): they are left out unless <see cref="Incident"/> names their incident or
/// <see cref="Search"/> looks for something.
/// </summary>
public sealed record InboxQuery
{
    /// <summary>The agent's operators; null for an admin (every operator).</summary>
    public IReadOnlyCollection<string>? OperatorIds { get; init; }
    public string? OperatorId { get; init; }
    public string Status { get; init; } = InboxStatuses.Active;
    public string? Priority { get; init; }
    public string? Category { get; init; }
    public string? Product { get; init; }
    /// <summary><c>mine</c>, <c>unassigned</c> or <c>anyone</c>.</summary>
    public string Assignee { get; init; } = InboxAssignees.Anyone;
    /// <summary>The staff id behind <c>assignee=mine</c>.</summary>
    public string StaffId { get; init; } = "";
    public bool Quarantined { get; init; }
    /// <summary>Only tickets whose next SLA due time (first response, then resolution) has passed.</summary>
    public bool Late { get; init; }
    /// <summary>A reference, or words that must all appear in the title, description, requester name or e-mail.</summary>
    public string? Search { get; init; }
    /// <summary>An incident ticket's reference: only the reports linked to it.</summary>
    public string? Incident { get; init; }
    /// <summary><c>due</c> (earliest SLA due time first, the default) or <c>newest</c>.</summary>
    public string Sort { get; init; } = InboxSorts.Due;
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 25;
}

public static class InboxStatuses
{
    public const string Active = "active";
    public const string All = "all";
    public static readonly IReadOnlyList<string> ActiveStatuses = ["new", "open", "pending"];
}

public static class InboxAssignees
{
    public const string Mine = "mine";
    public const string Unassigned = "unassigned";
    public const string Anyone = "anyone";
    public static readonly IReadOnlyList<string> All = [Mine, Unassigned, Anyone];
}

public static class InboxSorts
{
    public const string Due = "due";
    public const string Newest = "newest";
    public static readonly IReadOnlyList<string> All = [Due, Newest];
}

/// <param name="HasMore">True when another page follows (the page was read one ticket past its end).</param>
/// <param name="Linked">For each incident ticket of the page, how many reports are linked to it.</param>
public sealed record InboxPage(IReadOnlyList<Tickets.Ticket> Tickets, int Page, int PageSize, bool HasMore, IReadOnlyDictionary<string, int> Linked);

/// <summary>How many tickets each view of the console holds, in the agent's operators; an open incident counts once, its linked reports not again.</summary>
public sealed record InboxCounts(int Active, int Mine, int Unassigned, int Late, int Quarantined);
