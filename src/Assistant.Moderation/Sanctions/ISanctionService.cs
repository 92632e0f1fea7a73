namespace Assistant.Moderation.Sanctions;

/// <summary>
/// The CGU's graduated response to abuse: strikes per user within a window, then warning, temporary
/// suspension and permanent ban. Every decision is recorded with the message, scores, clause and decider.
/// </summary>
public interface ISanctionService
{
    /// <summary>Whether the user may use the service now; cheap, called on every turn.</summary>
    SanctionStatus GetStatus(string operatorId, string userId, DateTimeOffset now);

    /// <summary>Records a moderation violation and returns the sanction it leads to (possibly only a warning).</summary>
    SanctionStatus RecordViolation(Violation violation);

    /// <summary>
    /// Withdraws the strike a message counted (the team relabelled it as legitimate) and lifts the suspension or ban it
    /// led to. Nothing happens, and null is returned, when that message counted no strike.
    /// </summary>
    StrikeWithdrawal? WithdrawStrike(string operatorId, string userId, string activityId, string withdrawnBy, string reason, DateTimeOffset now);

    /// <summary>Lifts an active suspension or ban; recorded with who and why.</summary>
    void Lift(string operatorId, string userId, string liftedBy, string reason, DateTimeOffset now);

    IReadOnlyList<SanctionRecord> ListActive(string? operatorId, DateTimeOffset now);

    /// <summary>Every decision about a user on any operator, oldest first (data export).</summary>
    IReadOnlyList<SanctionDecision> History(string userId);

    /// <summary>
    /// Data erasure: removes the offending messages' text from a user's decisions and returns how many. The decisions
    /// themselves stay, so an erasure request does not lift a suspension or a ban.
    /// </summary>
    int RedactTexts(string userId);
}

/// <param name="Level"><c>none</c>, <c>warning</c>, <c>suspended</c> or <c>banned</c>.</param>
/// <param name="Until">End of a suspension (UTC); null for none, warning or a ban.</param>
public sealed record SanctionStatus(string Level, DateTimeOffset? Until, string? Reason, int Strikes)
{
    public bool CanUseService => Level is SanctionLevels.None or SanctionLevels.Warning;
}

public static class SanctionLevels
{
    public const string None = "none";
    public const string Warning = "warning";
    public const string Suspended = "suspended";
    public const string Banned = "banned";
}

/// <param name="Text">The offending message, kept for the audit of the decision (never logged).</param>
/// <param name="Clause">The CGU clause applied, e.g. "Digisense 3".</param>
/// <param name="DecidedBy"><c>model</c>, <c>rule:…</c> or <c>agent:&lt;id&gt;</c>.</param>
public sealed record Violation(
    string OperatorId,
    string UserId,
    string? ConversationId,
    string Text,
    string Label,
    float AbusiveScore,
    float OfftopicScore,
    string Clause,
    string DecidedBy,
    DateTimeOffset At,
    string? ActivityId = null);

/// <param name="SanctionLifted">The level the strike had led to (suspended or banned) was lifted with it.</param>
/// <param name="Status">The user's standing after the withdrawal.</param>
public sealed record StrikeWithdrawal(bool SanctionLifted, SanctionStatus Status);

public sealed record SanctionDecision(
    string OperatorId,
    string Kind,
    string Level,
    DateTimeOffset At,
    DateTimeOffset? Until,
    string Reason,
    string Clause,
    string DecidedBy,
    string? Text,
    DateTimeOffset? LiftedAt);

public sealed record SanctionRecord(
    string OperatorId,
    string UserId,
    string Level,
    DateTimeOffset Since,
    DateTimeOffset? Until,
    string Reason,
    string Clause,
    string DecidedBy);
