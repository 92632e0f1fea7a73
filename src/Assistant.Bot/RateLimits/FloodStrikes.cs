using Assistant.Bot.Admin.Audit;
using Assistant.Bot.Channel.Storage;
using Assistant.Moderation.Sanctions;
using Assistant.Ticketing.Operators;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.RateLimits;

/// <summary>
/// Repeated floods lead to the CGU sanction: each message refused with 429 to a visitor is counted, and
/// <see cref="FloodStrikeOptions.Refusals"/> of them within <see cref="FloodStrikeOptions.Window"/> record one violation
/// through the same sanction ladder moderation uses (warning, then suspension, then ban), citing the operator's sanction
/// clause, audited. Counted in memory, per instance: a restart forgets refusals that are not yet a strike.
/// </summary>
public sealed partial class FloodStrikes(
    IOptions<RateLimitOptions> options, ISanctionService sanctions, ConversationStore conversations, IOperatorCatalog operators,
    AuditLog audit, TimeProvider time, ILogger<FloodStrikes> logger)
{
    public const string Label = "flood";
    public const string DecidedBy = "rule:rate-limit";

    private const int SweepAbove = 10_000;
    private readonly Dictionary<string, Queue<DateTimeOffset>> _refusals = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Counts one refused message of <paramref name="userId"/> in <paramref name="conversationId"/>; records the strike when it is due.</summary>
    public void Refused(string userId, string conversationId)
    {
        var settings = options.Value.FloodStrike;
        if (!settings.Enabled)
        {
            return;
        }

        var now = time.GetUtcNow();
        int count;
        lock (_gate)
        {
            if (_refusals.Count > SweepAbove)
            {
                foreach (var stale in _refusals.Where(r => r.Value.Peek() < now - settings.Window).Select(r => r.Key).ToList())
                {
                    _refusals.Remove(stale);
                }
            }

            if (!_refusals.TryGetValue(userId, out var times))
            {
                _refusals[userId] = times = new Queue<DateTimeOffset>();
            }

            while (times.Count > 0 && times.Peek() < now - settings.Window)
            {
                times.Dequeue();
            }

            times.Enqueue(now);
            count = times.Count;
            if (count >= settings.Refusals)
            {
                _refusals.Remove(userId);
            }
        }

        if (count >= settings.Refusals)
        {
            Strike(userId, conversationId, count, settings.Window, now);
        }
    }

    private void Strike(string userId, string conversationId, int count, TimeSpan window, DateTimeOffset now)
    {
        if (conversations.Find(conversationId) is not { } conversation)
        {
            return;
        }

        var clause = operators.Find(conversation.OperatorId)?.SanctionClause ?? "";
        var details = $"{count} messages refused for flooding within {window.TotalMinutes:0.#} min (clause {clause}); conversation {conversationId}";
        var sanction = sanctions.RecordViolation(new Violation(
            conversation.OperatorId, userId, conversationId, details, Label, 0, 0, clause, DecidedBy, now));
        audit.Record(AuditActors.System, "rate limits", "sanction.flood", userId, $"{details}; user now {sanction.Level}", conversation.OperatorId);
        LogFloodStrike(logger, count, sanction.Level);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Repeated flood: {Count} refused messages make a strike; the visitor is now {SanctionLevel}")]
    private static partial void LogFloodStrike(ILogger logger, int count, string sanctionLevel);
}
