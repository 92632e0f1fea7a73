using System.Collections.Concurrent;
using Assistant.Bot.Storage;
using LiteDB;

namespace Assistant.Bot.Handoff;

/// <summary>
/// Handoff records in <c>assistant.db</c>. Every state change is a conditional write (the expected state is
/// part of the update's predicate), so two agents accepting at once cannot both win: LiteDB applies one
/// update, the other matches nothing. The lock only keeps read-then-write pairs of this process in order.
/// Every turn asks whether its conversation is held, and few conversations ever have a handoff: the ids that have a
/// record are kept in memory, so the question costs no read for the others.
/// </summary>
public sealed class HandoffStore
{
    private readonly ILiteCollection<HandoffRecord> _handoffs;
    private readonly Lock _writeLock = new();
    private readonly ConcurrentDictionary<string, byte> _withRecord = new(StringComparer.Ordinal);

    public HandoffStore(BotDatabase database)
    {
        _handoffs = database.Database.GetCollection<HandoffRecord>("handoffs");
        _handoffs.EnsureIndex(h => h.State);
        _handoffs.EnsureIndex(h => h.OperatorId);
        foreach (var id in _handoffs.Query().Select(h => h.Id).ToEnumerable())
        {
            _withRecord.TryAdd(id, 0);
        }
    }

    public HandoffRecord? Find(string conversationId) =>
        _withRecord.ContainsKey(conversationId) ? _handoffs.FindById(conversationId) : null;

    /// <summary>Pending and active handoffs of these operators (null: all).</summary>
    public IReadOnlyList<HandoffRecord> ListOpen(IReadOnlyCollection<string>? operatorIds) =>
        [.. _handoffs.Find(h => h.State == HandoffStates.Pending || h.State == HandoffStates.Active)
            .Where(h => operatorIds is null || operatorIds.Contains(h.OperatorId, StringComparer.OrdinalIgnoreCase))];

    /// <summary>Handoffs requested in [from, to) (a conversation handed over twice counts its latest request), for the reports.</summary>
    public IReadOnlyList<HandoffRecord> RequestedBetween(DateTime from, DateTime to) =>
        [.. _handoffs.Find(h => h.RequestedAt >= from && h.RequestedAt < to)];

    /// <summary>The last accepted handoffs of an operator, for an honest waiting estimate.</summary>
    public IReadOnlyList<HandoffRecord> RecentlyAccepted(string operatorId, int count) =>
        [.. _handoffs.Find(h => h.OperatorId == operatorId && h.AcceptedAt != null)
            .OrderByDescending(h => h.AcceptedAt)
            .Take(count)];

    /// <summary>
    /// Opens a handoff: a new record, or a completed one started again. False when the conversation is
    /// already pending or with an agent.
    /// </summary>
    public bool TryOpen(HandoffRecord record)
    {
        lock (_writeLock)
        {
            var existing = _handoffs.FindById(record.Id);
            if (existing is null)
            {
                // Known before the insert: a reader in between reads the file and finds nothing, as it would have.
                _withRecord.TryAdd(record.Id, 0);
                try
                {
                    _handoffs.Insert(record);
                    return true;
                }
                catch (LiteException ex) when (ex.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
                {
                    return false;
                }
            }

            if (existing.State != HandoffStates.Completed)
            {
                return false;
            }

            return _handoffs.Update(record);
        }
    }

    /// <summary>Pending → active for this agent. False when someone else got there first, or it is not pending.</summary>
    public bool TryAccept(string conversationId, string agentId, string agentName, DateTime now)
    {
        lock (_writeLock)
        {
            return _handoffs.UpdateMany(
                h => new HandoffRecord { State = HandoffStates.Active, AgentId = agentId, AgentName = agentName, AcceptedAt = now },
                h => h.Id == conversationId && h.State == HandoffStates.Pending) == 1;
        }
    }

    /// <summary>Pending or active → completed. False when it was already completed.</summary>
    public bool TryComplete(string conversationId, DateTime now)
    {
        lock (_writeLock)
        {
            return _handoffs.UpdateMany(
                h => new HandoffRecord { State = HandoffStates.Completed, CompletedAt = now },
                h => h.Id == conversationId && (h.State == HandoffStates.Pending || h.State == HandoffStates.Active)) == 1;
        }
    }

    public void AddFlag(string conversationId, ModerationFlag flag)
    {
        lock (_writeLock)
        {
            if (_handoffs.FindById(conversationId) is { } record)
            {
                record.Flags.Add(flag);
                _handoffs.Update(record);
            }
        }
    }
}
