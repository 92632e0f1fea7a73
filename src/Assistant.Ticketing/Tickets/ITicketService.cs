namespace Assistant.Ticketing.Tickets;

/// <summary>
/// Everything the assistant and the APIs do to tickets. Each call is one durable LiteDB transaction:
/// when it returns, the change survives a killed process. Safe under concurrent turns.
/// </summary>
public interface ITicketService
{
    /// <summary>Files a ticket with the next reference of its operator and year; durable when the task completes.</summary>
    Task<Ticket> CreateAsync(NewTicket ticket, Actor actor);

    /// <summary><see cref="CreateAsync"/> for callers that cannot await (tests, tools).</summary>
    Ticket Create(NewTicket ticket, Actor actor);

    /// <summary>The ticket with that reference, or null (unknown references and other operators' tickets alike).</summary>
    Ticket? Find(string reference);

    IReadOnlyList<Ticket> Query(TicketQuery query);

    /// <summary>Changes status, priority, category, product, assignee; each change goes into the history with its actor.</summary>
    Ticket Update(string reference, TicketPatch patch, Actor actor);

    Ticket AddComment(string reference, NewComment comment, Actor actor);

    Ticket AddAttachment(string reference, TicketAttachment attachment, Actor actor);

    /// <summary>
    /// The requester's satisfaction with a resolved (or closed) ticket: a score from 1 to 5, then optionally a comment
    /// (a null score keeps the one given). A later answer replaces the earlier one.
    /// </summary>
    Ticket Rate(string reference, int? score, string? comment, Actor actor);

    /// <summary>
    /// Deletes a quarantined ticket for good (the terms allow deleting what moderation set aside); false when the
    /// ticket is not in quarantine. The requester's conversation and the moderation audit stay.
    /// </summary>
    bool DeleteQuarantined(string reference, Actor actor);

    /// <summary>
    /// Data erasure: the user's tickets stay for the operator, but lose the requester's identity and contact details
    /// (name, email, phone, customer number, user id). Returns how many tickets changed.
    /// </summary>
    int AnonymizeRequester(string userId, Actor actor);
}

/// <summary>Who did something: a requester (user id), an agent, an admin, or the system (moderation, SLA).</summary>
/// <param name="Kind"><c>requester</c>, <c>agent</c>, <c>admin</c> or <c>system</c>.</param>
public sealed record Actor(string Kind, string Id, string? DisplayName = null)
{
    public static Actor System(string component) => new("system", component, component);
}

public sealed record TicketQuery(
    string? OperatorId = null,
    string? ConversationId = null,
    string? RequesterUserId = null,
    string? Status = null,
    int Limit = 100)
{
    /// <summary>Restricts to these operators (an agent's scope); null means no restriction.</summary>
    public IReadOnlyCollection<string>? OperatorIds { get; init; }

    /// <summary>Only the reports linked to this incident ticket.</summary>
    public string? IncidentReference { get; init; }
}

public sealed record NewComment(string Text, bool Internal);
