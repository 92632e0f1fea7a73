using System.Globalization;
using System.Security.Claims;
using Assistant.Bot.Auth;
using Assistant.Moderation;
using Assistant.Moderation.Analysis;

namespace Assistant.Bot.Admin.Audit;

/// <param name="Action">A prefix: <c>moderation</c> matches <c>moderation.abusive</c>.</param>
/// <param name="Text">Case-insensitive, in the target, details or actor name.</param>
public sealed record AuditQuery(string? Actor = null, string? Action = null, string? Text = null, DateTimeOffset? From = null, DateTimeOffset? To = null, int Limit = 100);

/// <summary>The audit log in <c>admin.db</c>: append and search, newest first.</summary>
public sealed partial class AuditLog(AdminDatabase database, DeferredAuditEntries deferred, TimeProvider time, ILogger<AuditLog> logger)
{
    public const int MaxLimit = 1000;

    public AuditEntry Record(string actor, string? actorName, string action, string? target, string details, string? operatorId = null, ModerationDecision? moderation = null)
    {
        var entry = Entry(actor, actorName, action, target, details, operatorId, moderation, LogLevel.Information);
        database.Audit.Insert(entry);
        return entry;
    }

    private AuditEntry Entry(string actor, string? actorName, string action, string? target, string details, string? operatorId, ModerationDecision? moderation, LogLevel level)
    {
        LogRecorded(logger, level, action, actor, target);
        return new AuditEntry
        {
            At = time.GetUtcNow().UtcDateTime,
            Actor = actor,
            ActorName = actorName,
            Action = action,
            Target = target,
            OperatorId = operatorId,
            Details = details,
            Moderation = moderation,
        };
    }

    /// <summary>An action by the signed-in staff user.</summary>
    public AuditEntry Record(ClaimsPrincipal user, string action, string? target, string details, string? operatorId = null)
    {
        var scope = user.Scope();
        return Record(AuditActors.Staff(scope.StaffId), scope.DisplayName, action, target, details, operatorId);
    }

    /// <summary>
    /// The assistant's own moderation decision on one user message (scores only, never the text). A decision that refuses,
    /// warns or counts a strike joins the next group commit of admin.db, and the turn waits for it with its replies; one
    /// that lets the message through is written with the others of the same second (<see cref="DeferredAuditEntries"/>).
    /// </summary>
    public Task RecordModerationAsync(string operatorId, string userId, string conversationId, string? activityId, ModerationVerdict verdict, bool answeredByModeration)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var details = string.Create(CultureInfo.InvariantCulture,
            $"{verdict.Label} → {verdict.Action}{(verdict.Strike ? " + strike" : "")} (abusive {verdict.Scores.Abusive:0.00}, offtopic {verdict.Scores.Offtopic:0.00}, decided by {verdict.DecidedBy}); conversation {conversationId}; {(answeredByModeration ? "answered by moderation" : "passed on")}");
        var passed = verdict.Label == Labels.Ok && !verdict.Strike;
        // Every message gets a decision: the ones that let it through are a Debug line, or the log would be one line per message.
        var entry = Entry(AuditActors.System, "moderation", "moderation." + verdict.Label, userId, details, operatorId, new ModerationDecision
        {
            Label = verdict.Label,
            Action = verdict.Action,
            Abusive = verdict.Scores.Abusive,
            Offtopic = verdict.Scores.Offtopic,
            DecidedBy = verdict.DecidedBy,
            Strike = verdict.Strike,
            ConversationId = conversationId,
            ActivityId = activityId,
        }, passed ? LogLevel.Debug : LogLevel.Information);
        if (passed)
        {
            deferred.Add(entry);
            return Task.CompletedTask;
        }

        return database.Commits.WriteAsync(db => db.GetCollection<AuditEntry>("audit").Insert(entry));
    }

    /// <summary>The automated decision on one message, or null when it was not scored (a button click, a command).</summary>
    public ModerationDecision? ModerationDecisionFor(string conversationId, string activityId)
    {
        deferred.Settle();
        return database.Audit.Query()
            .Where(e => e.Moderation!.ActivityId == activityId)
            .ToEnumerable()
            .Select(e => e.Moderation!)
            .FirstOrDefault(m => m.ConversationId == conversationId);
    }

    public IReadOnlyList<AuditEntry> Search(AuditQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        deferred.Settle();
        var from = query.From?.UtcDateTime ?? DateTime.MinValue;
        var to = query.To?.UtcDateTime ?? DateTime.MaxValue;
        var limit = Math.Clamp(query.Limit, 1, MaxLimit);
        // The date range uses the index; the other filters run on the streamed, newest-first entries.
        return database.Audit.Query()
            .Where(e => e.At >= from && e.At <= to)
            .OrderByDescending(e => e.At)
            .ToEnumerable()
            .Where(e => Matches(e, query))
            .Take(limit)
            .ToList();
    }

    /// <summary>The automated moderation decisions since <paramref name="since"/>, for replaying them under other thresholds.</summary>
    public IReadOnlyList<ModerationDecision> ModerationDecisionsSince(DateTimeOffset since)
    {
        var from = since.UtcDateTime;
        deferred.Settle();
        return database.Audit.Query()
            .Where(e => e.At >= from && e.Moderation != null)
            .Select(e => e.Moderation!)
            .ToList();
    }

    /// <summary>Automated moderation decisions in [from, to) per label and action, for the reports (null operators: all).</summary>
    public IReadOnlyList<(string Label, string Action, int Count)> ModerationCounts(IReadOnlyCollection<string>? operatorIds, DateTimeOffset from, DateTimeOffset to)
    {
        var start = from.UtcDateTime;
        var end = to.UtcDateTime;
        deferred.Settle();
        return [.. database.Audit.Query()
            .Where(e => e.At >= start && e.At < end && e.Moderation != null)
            .ToEnumerable()
            .Where(e => operatorIds is null || (e.OperatorId is not null && operatorIds.Contains(e.OperatorId, StringComparer.OrdinalIgnoreCase)))
            .GroupBy(e => (e.Moderation!.Label, e.Moderation.Action))
            .Select(g => (g.Key.Label, g.Key.Action, g.Count()))
            .OrderBy(c => c.Label, StringComparer.Ordinal)
            .ThenBy(c => c.Action, StringComparer.Ordinal)];
    }

    private static bool Matches(AuditEntry entry, AuditQuery query) =>
        (string.IsNullOrWhiteSpace(query.Actor)
            || entry.Actor.Contains(query.Actor, StringComparison.OrdinalIgnoreCase)
            || (entry.ActorName?.Contains(query.Actor, StringComparison.OrdinalIgnoreCase) ?? false))
        && (string.IsNullOrWhiteSpace(query.Action) || entry.Action.StartsWith(query.Action, StringComparison.OrdinalIgnoreCase))
        && (string.IsNullOrWhiteSpace(query.Text)
            || entry.Details.Contains(query.Text, StringComparison.OrdinalIgnoreCase)
            || (entry.Target?.Contains(query.Text, StringComparison.OrdinalIgnoreCase) ?? false)
            || (entry.ActorName?.Contains(query.Text, StringComparison.OrdinalIgnoreCase) ?? false));

    [LoggerMessage(EventId = 7001, Message = "Audit {AuditAction} by {Actor} on {Target}")]
    private static partial void LogRecorded(ILogger logger, LogLevel level, string auditAction, string actor, string? target);
}
