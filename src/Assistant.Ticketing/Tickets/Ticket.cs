namespace Assistant.Ticketing.Tickets;

/// <summary>A support ticket as stored. Values of status, priority, category and product are the taxonomy's strings.</summary>
public sealed class Ticket
{
    public long Id { get; set; }
    public string Reference { get; set; } = "";
    public string OperatorId { get; set; } = "";
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public string Category { get; set; } = "";
    public string Product { get; set; } = "";
    public string Priority { get; set; } = "";
    /// <summary>What set the priority: <c>model</c>, <c>rule:…</c>, <c>agent:…</c>.</summary>
    public string PriorityDecidedBy { get; set; } = "";
    public string Status { get; set; } = TicketStatuses.New;
    public Requester Requester { get; set; } = new();
    public string ConversationId { get; set; } = "";
    public string? AssigneeId { get; set; }
    public string? AssigneeName { get; set; }
    /// <summary>The requester's contract tier when the ticket was filed: <c>none</c>, <c>standard</c>, <c>premium</c>.</summary>
    public string ContractTier { get; set; } = "none";
    public SlaPromise Sla { get; set; } = new();
    /// <summary>True for an incident's own ticket (declared by the team; its reports are linked to it).</summary>
    public bool IsIncident { get; set; }
    /// <summary>For a report linked to an incident: the incident ticket's reference.</summary>
    public string? IncidentReference { get; set; }
    public List<TicketAttachment> Attachments { get; set; } = [];
    public List<TicketComment> Comments { get; set; } = [];
    public List<TicketHistoryEntry> History { get; set; } = [];
    /// <summary>The requester's answer to "how satisfied are you?" once the ticket was resolved; null until then.</summary>
    public SatisfactionRating? Satisfaction { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class Requester
{
    public string UserId { get; set; } = "";
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? CustomerNumber { get; set; }
}

public sealed class SlaPromise
{
    public TimeSpan FirstResponseTarget { get; set; }
    public TimeSpan ResolutionTarget { get; set; }
    /// <summary>Due times counted in the operator's business hours (UTC).</summary>
    public DateTimeOffset FirstResponseDue { get; set; }
    public DateTimeOffset ResolutionDue { get; set; }
    /// <summary>When an agent first answered publicly; null until then.</summary>
    public DateTimeOffset? FirstResponseAt { get; set; }
}

public sealed class SatisfactionRating
{
    /// <summary>1 (not at all satisfied) to 5 (very satisfied).</summary>
    public int Score { get; set; }
    public string? Comment { get; set; }
    public DateTimeOffset At { get; set; }
}

public sealed class TicketAttachment
{
    public string Name { get; set; } = "";
    public string ContentType { get; set; } = "";
    public string Url { get; set; } = "";
    public long Size { get; set; }
}

public sealed class TicketComment
{
    public string Id { get; set; } = "";
    public string Text { get; set; } = "";
    public bool Internal { get; set; }
    public string AuthorKind { get; set; } = "";
    public string AuthorId { get; set; } = "";
    public string? AuthorName { get; set; }
    public DateTimeOffset At { get; set; }
}

public sealed class TicketHistoryEntry
{
    public DateTimeOffset At { get; set; }
    public string ActorKind { get; set; } = "";
    public string ActorId { get; set; } = "";
    /// <summary>The actor's display name when the change was made (history shows who, even after a rename).</summary>
    public string? ActorName { get; set; }
    public string Field { get; set; } = "";
    public string? From { get; set; }
    public string? To { get; set; }
}

public static class TicketStatuses
{
    public const string New = "new";
    public const string Open = "open";
    public const string Pending = "pending";
    public const string Resolved = "resolved";
    public const string Closed = "closed";
    public const string Quarantined = "quarantined";
}

/// <summary>What the assistant files. Priority and category come from triage; the service validates them against the taxonomy.</summary>
public sealed record NewTicket(
    string OperatorId,
    string Title,
    string Description,
    string Category,
    string Product,
    string Priority,
    string PriorityDecidedBy,
    Requester Requester,
    string ConversationId,
    string ContractTier = "none",
    bool Quarantined = false,
    bool IsIncident = false,
    string? IncidentReference = null);

/// <summary>Null fields are left as they are. An empty <c>IncidentReference</c> unlinks the ticket from its incident.</summary>
public sealed record TicketPatch(
    string? Status = null,
    string? Priority = null,
    string? Category = null,
    string? Product = null,
    string? AssigneeId = null,
    string? AssigneeName = null,
    string? Title = null,
    string? IncidentReference = null,
    string? RequesterEmail = null);
