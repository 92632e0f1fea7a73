using LiteDB;

namespace Assistant.Bot.Admin.Audit;

/// <summary>
/// One audited action: by a staff user (<c>staff:&lt;id&gt;</c>) or by the assistant itself (<c>system</c>).
/// <see cref="Details"/> is written for people and never holds a password, a token or a user's message.
/// </summary>
public sealed class AuditEntry
{
    public ObjectId Id { get; set; } = ObjectId.NewObjectId();

    public DateTime At { get; set; }

    public string Actor { get; set; } = "";

    public string? ActorName { get; set; }

    /// <summary>Dotted name, e.g. <c>template.save</c>, <c>sanction.lift</c>, <c>moderation.abusive</c>, <c>http.PATCH</c>.</summary>
    public string Action { get; set; } = "";

    /// <summary>What was acted on: a template key, a user id, a ticket reference, a route.</summary>
    public string? Target { get; set; }

    public string? OperatorId { get; set; }

    public string Details { get; set; } = "";

    /// <summary>Set on automated moderation decisions: what the threshold preview replays.</summary>
    public ModerationDecision? Moderation { get; set; }
}

/// <summary>The analyzer's verdict on one message: scores and rule, never the text.</summary>
public sealed class ModerationDecision
{
    public string Label { get; set; } = "";

    public string Action { get; set; } = "";

    public float Abusive { get; set; }

    public float Offtopic { get; set; }

    /// <summary><c>model</c>, <c>rule:…</c>, <c>intent:…</c> or <c>short-answer</c>.</summary>
    public string DecidedBy { get; set; } = "";

    /// <summary>The message counted a strike against its author.</summary>
    public bool Strike { get; set; }

    /// <summary>The message's conversation and activity: what the "wrong decision" button relabels.</summary>
    public string? ConversationId { get; set; }

    public string? ActivityId { get; set; }
}

public static class AuditActors
{
    public const string System = "system";

    public static string Staff(string staffId) => "staff:" + staffId;
}
