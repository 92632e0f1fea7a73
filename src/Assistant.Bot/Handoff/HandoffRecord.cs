namespace Assistant.Bot.Handoff;

/// <summary>
/// Who owns one conversation when it is not the bot: stored in <c>assistant.db</c> (collection <c>handoffs</c>),
/// keyed by conversation id, so ownership survives a restart. No record, or a completed one, means the bot.
/// </summary>
public sealed class HandoffRecord
{
    /// <summary>The conversation id.</summary>
    public string Id { get; set; } = "";
    public string OperatorId { get; set; } = "";
    public string UserId { get; set; } = "";
    public string State { get; set; } = HandoffStates.Pending;
    /// <summary>One of <see cref="Intake.EscalationReasons"/>.</summary>
    public string Reason { get; set; } = "";
    public string Language { get; set; } = "fr";
    public string? TicketReference { get; set; }
    public string Priority { get; set; } = "normal";
    public string? Category { get; set; }
    public string? Product { get; set; }
    public string ContractTier { get; set; } = "none";
    /// <summary>When a first answer is due under the SLA (UTC): the ticket's, or priority × tier from the request time.</summary>
    public DateTime SlaDue { get; set; }
    public DateTime RequestedAt { get; set; }
    public DateTime? AcceptedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public string? AgentId { get; set; }
    public string? AgentName { get; set; }
    /// <summary>Moderation findings on the user's messages while a person owns the conversation.</summary>
    public List<ModerationFlag> Flags { get; set; } = [];
}

public sealed class ModerationFlag
{
    public string ActivityId { get; set; } = "";
    public string Label { get; set; } = "";
    public string Action { get; set; } = "";
    public float Score { get; set; }
    public DateTime At { get; set; }
}

public static class HandoffStates
{
    /// <summary>Waiting in the queue; the bot is silent.</summary>
    public const string Pending = "pending";
    /// <summary>An agent owns the conversation.</summary>
    public const string Active = "active";
    /// <summary>Given back to the bot.</summary>
    public const string Completed = "completed";
}
