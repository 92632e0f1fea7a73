using System.Collections.Concurrent;
using Assistant.Moderation.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Moderation.Sanctions;

/// <summary>
/// Sanctions kept in <c>moderation.db</c>: every decision (violation with its outcome, or lift) is one
/// document. A user's state is rebuilt from those documents on first use after a start and then kept in
/// memory, so <see cref="GetStatus"/> is a dictionary lookup and stays right across restarts.
/// </summary>
public sealed partial class SanctionService : ISanctionService
{
    private readonly ModerationDatabase _database;
    private readonly SanctionOptions _options;
    private readonly ILogger<SanctionService> _logger;
    // Grows with the users seen since start; an entry is a few timestamps, small next to a conversation's state.
    private readonly ConcurrentDictionary<string, UserState> _states = new(StringComparer.Ordinal);

    public SanctionService(ModerationDatabase database, IOptions<SanctionOptions> options, ILogger<SanctionService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = database;
        _options = options.Value;
        _logger = logger;
    }

    public SanctionStatus GetStatus(string operatorId, string userId, DateTimeOffset now)
    {
        var state = StateOf(operatorId, userId);
        lock (state)
        {
            return state.StatusAt(now, _options.StrikeWindow);
        }
    }

    public SanctionStatus RecordViolation(Violation violation)
    {
        ArgumentNullException.ThrowIfNull(violation);
        var state = StateOf(violation.OperatorId, violation.UserId);
        lock (state)
        {
            var strikes = state.ActiveStrikes(violation.At, _options.StrikeWindow) + 1;
            var current = state.StatusAt(violation.At, _options.StrikeWindow);
            string level;
            DateTimeOffset? until = null;
            string reason;
            if (current.Level == SanctionLevels.Banned)
            {
                level = SanctionLevels.Banned;
                reason = "violation while banned";
            }
            else if (strikes >= _options.StrikesForSuspension)
            {
                if (state.Suspensions >= _options.SuspensionsBeforeBan)
                {
                    level = SanctionLevels.Banned;
                    reason = $"{strikes} strikes after {state.Suspensions} suspensions: permanent ban";
                }
                else
                {
                    level = SanctionLevels.Suspended;
                    var hours = _options.SuspensionDuration.TotalHours * Math.Pow(_options.SuspensionGrowthFactor, state.Suspensions);
                    var start = current.Level == SanctionLevels.Suspended && current.Until > violation.At ? current.Until.Value : violation.At;
                    until = start + TimeSpan.FromHours(hours);
                    reason = $"{strikes} strikes within {_options.StrikeWindow.TotalDays:0} days: suspension {state.Suspensions + 1}";
                }
            }
            else
            {
                level = SanctionLevels.Warning;
                reason = $"strike {strikes} of {_options.StrikesForSuspension} within {_options.StrikeWindow.TotalDays:0} days";
            }

            var document = new SanctionDecisionDocument
            {
                UserKey = Key(violation.OperatorId, violation.UserId),
                OperatorId = violation.OperatorId,
                UserId = violation.UserId,
                Kind = "violation",
                ConversationId = violation.ConversationId,
                ActivityId = violation.ActivityId,
                Text = violation.Text,
                Label = violation.Label,
                AbusiveScore = violation.AbusiveScore,
                OfftopicScore = violation.OfftopicScore,
                Clause = string.IsNullOrWhiteSpace(violation.Clause) ? _options.DefaultClause : violation.Clause,
                DecidedBy = violation.DecidedBy,
                Reason = reason,
                Level = level,
                Strikes = strikes,
                At = violation.At.UtcDateTime,
                Until = until?.UtcDateTime,
            };
            _database.Decisions.Insert(document);
            state.Apply(document);
            LogSanction(violation.OperatorId, level, strikes, violation.DecidedBy, document.Clause);
            return state.StatusAt(violation.At, _options.StrikeWindow);
        }
    }

    public StrikeWithdrawal? WithdrawStrike(string operatorId, string userId, string activityId, string withdrawnBy, string reason, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(activityId);
        ArgumentException.ThrowIfNullOrWhiteSpace(withdrawnBy);
        var state = StateOf(operatorId, userId);
        lock (state)
        {
            var key = Key(operatorId, userId);
            var decisions = _database.Decisions.Find(d => d.UserKey == key).OrderBy(d => d.At).ThenBy(d => d.Id).ToList();
            var strike = decisions.FirstOrDefault(d => d.Kind == "violation" && d.ActivityId == activityId && d.WithdrawnAt == null);
            if (strike is null)
            {
                return null;
            }

            // The sanction in force, if this strike was one of those that led to it (the strike itself, or an earlier one
            // within the window with no other sanction in between), is lifted with it.
            var caused = decisions
                .Where(d => d.Kind == "violation" && d.WithdrawnAt == null && d.LiftedAt == null && d.At >= strike.At
                    && d.Level is SanctionLevels.Suspended or SanctionLevels.Banned
                    && d.At - strike.At <= _options.StrikeWindow
                    && !decisions.Any(o => o.At > strike.At && o.At < d.At && o.Level is SanctionLevels.Suspended or SanctionLevels.Banned))
                .FirstOrDefault();
            // One document may be both the strike and the sanction it caused: change it once, then save.
            strike.WithdrawnAt = now.UtcDateTime;
            strike.WithdrawnBy = withdrawnBy;
            if (caused is not null)
            {
                caused.LiftedAt = now.UtcDateTime;
                caused.LiftedBy = withdrawnBy;
                caused.SanctionVoided = !ReferenceEquals(caused, strike);
                _database.Decisions.Update(caused);
            }

            _database.Decisions.Update(strike);

            _database.Decisions.Insert(new SanctionDecisionDocument
            {
                UserKey = key,
                OperatorId = operatorId,
                UserId = userId,
                Kind = "withdrawal",
                ConversationId = strike.ConversationId,
                ActivityId = activityId,
                Clause = strike.Clause,
                DecidedBy = withdrawnBy,
                Reason = reason,
                Level = SanctionLevels.None,
                At = now.UtcDateTime,
            });
            state.Replay(_database.Decisions.Find(d => d.UserKey == key));
            LogWithdrawn(operatorId, withdrawnBy, caused is not null);
            return new StrikeWithdrawal(caused is not null, state.StatusAt(now, _options.StrikeWindow));
        }
    }

    public void Lift(string operatorId, string userId, string liftedBy, string reason, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(liftedBy);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var state = StateOf(operatorId, userId);
        lock (state)
        {
            var key = Key(operatorId, userId);
            foreach (var active in _database.Decisions.Find(d => d.UserKey == key && d.LiftedAt == null && (d.Level == SanctionLevels.Suspended || d.Level == SanctionLevels.Banned)))
            {
                active.LiftedAt = now.UtcDateTime;
                active.LiftedBy = liftedBy;
                _database.Decisions.Update(active);
            }

            var document = new SanctionDecisionDocument
            {
                UserKey = key,
                OperatorId = operatorId,
                UserId = userId,
                Kind = "lift",
                Clause = "",
                DecidedBy = liftedBy,
                Reason = reason,
                Level = SanctionLevels.None,
                At = now.UtcDateTime,
            };
            _database.Decisions.Insert(document);
            state.Apply(document);
            LogLifted(operatorId, liftedBy);
        }
    }

    public IReadOnlyList<SanctionRecord> ListActive(string? operatorId, DateTimeOffset now)
    {
        var nowUtc = now.UtcDateTime;
        return _database.Decisions
            .Find(d => d.LiftedAt == null && (d.Level == SanctionLevels.Banned || (d.Level == SanctionLevels.Suspended && d.Until > nowUtc)))
            .Where(d => operatorId is null || d.OperatorId == operatorId)
            .GroupBy(d => d.UserKey)
            .Select(g => g.OrderByDescending(d => d.At).First())
            .Select(d => new SanctionRecord(d.OperatorId, d.UserId, d.Level, Utc(d.At), d.Until is null ? null : Utc(d.Until.Value), d.Reason, d.Clause, d.DecidedBy))
            .OrderBy(r => r.Since)
            .ToList();
    }

    public IReadOnlyList<SanctionDecision> History(string userId) =>
        _database.Decisions.Find(d => d.UserId == userId)
            .OrderBy(d => d.At)
            .Select(d => new SanctionDecision(d.OperatorId, d.Kind, d.Level, Utc(d.At), d.Until is null ? null : Utc(d.Until.Value),
                d.Reason, d.Clause, d.DecidedBy, d.Text, d.LiftedAt is null ? null : Utc(d.LiftedAt.Value)))
            .ToList();

    public int RedactTexts(string userId)
    {
        var redacted = 0;
        foreach (var decision in _database.Decisions.Find(d => d.UserId == userId && d.Text != null))
        {
            decision.Text = null;
            _database.Decisions.Update(decision);
            redacted++;
        }

        return redacted;
    }

    private UserState StateOf(string operatorId, string userId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operatorId);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        var key = Key(operatorId, userId);
        return _states.GetOrAdd(key, k =>
        {
            var state = new UserState();
            state.Replay(_database.Decisions.Find(d => d.UserKey == k));
            return state;
        });
    }

    private static string Key(string operatorId, string userId) => operatorId + "/" + userId;

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    /// <summary>A user's ladder, replayed from their decisions in order.</summary>
    private sealed class UserState
    {
        private readonly List<DateTimeOffset> _strikes = [];
        private SanctionDecisionDocument? _active;

        public int Suspensions { get; private set; }

        /// <summary>Rebuilds the ladder from all of a user's decisions, in order.</summary>
        public void Replay(IEnumerable<SanctionDecisionDocument> decisions)
        {
            _strikes.Clear();
            _active = null;
            Suspensions = 0;
            foreach (var document in decisions.OrderBy(d => d.At).ThenBy(d => d.Id))
            {
                Apply(document);
            }
        }

        public void Apply(SanctionDecisionDocument decision)
        {
            if (decision.Kind == "withdrawal" || decision.WithdrawnAt is not null)
            {
                // A withdrawn strike never counted, nor the sanction it alone led to.
                return;
            }

            if (decision.Kind == "lift")
            {
                // A lift ends the sanction and clears the strikes that led to it; past suspensions still count towards a ban.
                _active = null;
                _strikes.Clear();
                return;
            }

            _strikes.Add(Utc(decision.At));
            if (decision.Level is SanctionLevels.Suspended or SanctionLevels.Banned && !decision.SanctionVoided)
            {
                // The strikes are spent on this sanction; a new ladder starts once it ends.
                _strikes.Clear();
                if (decision.Level == SanctionLevels.Suspended && _active?.Level != SanctionLevels.Banned)
                {
                    Suspensions++;
                }

                _active = decision.LiftedAt is null ? decision : _active;
            }
        }

        public int ActiveStrikes(DateTimeOffset now, TimeSpan window) => _strikes.Count(s => s > now - window && s <= now);

        public SanctionStatus StatusAt(DateTimeOffset now, TimeSpan window)
        {
            var strikes = ActiveStrikes(now, window);
            if (_active is { Level: SanctionLevels.Banned })
            {
                return new SanctionStatus(SanctionLevels.Banned, null, _active.Reason, strikes);
            }

            if (_active is { Level: SanctionLevels.Suspended, Until: { } until } && Utc(until) > now)
            {
                return new SanctionStatus(SanctionLevels.Suspended, Utc(until), _active.Reason, strikes);
            }

            return strikes > 0
                ? new SanctionStatus(SanctionLevels.Warning, null, $"{strikes} strike(s) within {window.TotalDays:0} days", strikes)
                : new SanctionStatus(SanctionLevels.None, null, null, 0);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sanction for a user of {OperatorId}: {Level} after {Strikes} strike(s), decided by {DecidedBy} under {Clause}")]
    private partial void LogSanction(string operatorId, string level, int strikes, string decidedBy, string clause);

    [LoggerMessage(Level = LogLevel.Information, Message = "Strike withdrawn for a user of {OperatorId} by {WithdrawnBy}; sanction lifted: {SanctionLifted}")]
    private partial void LogWithdrawn(string operatorId, string withdrawnBy, bool sanctionLifted);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sanction lifted for a user of {OperatorId} by {LiftedBy}")]
    private partial void LogLifted(string operatorId, string liftedBy);
}
