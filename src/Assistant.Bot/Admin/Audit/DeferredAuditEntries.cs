using Assistant.Ticketing.Storage;

namespace Assistant.Bot.Admin.Audit;

/// <summary>
/// The audit entries of moderation decisions that let a message through: one per user message, and the largest share
/// of what a turn wrote to disk while each joined <c>admin.db</c>'s group commit on its own. They are written together
/// about once a second instead (<see cref="BatchedWrites{T}"/>), and the turn does not wait for them. Every read of the
/// audit log writes them first, so a search or a report never misses one; a killed process can lose the last second of
/// them. A decision that refuses, warns or counts a strike is not deferred: it is written with the turn, since
/// withdrawing a strike reads it.
/// </summary>
public sealed class DeferredAuditEntries : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly BatchedWrites<AuditEntry> _writes;

    public DeferredAuditEntries(AdminDatabase database, ILogger<DeferredAuditEntries> logger)
        : this(database, logger, Interval)
    {
    }

    /// <param name="interval">How often the queued entries are written; <see cref="Timeout.InfiniteTimeSpan"/>: only when settled or stopped.</param>
    public DeferredAuditEntries(AdminDatabase database, ILogger<DeferredAuditEntries> logger, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(database);
        _writes = new BatchedWrites<AuditEntry>(database.Commits, (db, batch) => db.GetCollection<AuditEntry>("audit").Insert(batch), logger, interval);
    }

    /// <summary>Entries waiting for the next write.</summary>
    public int Count => _writes.Count;

    public void Add(AuditEntry entry) => _writes.Add(entry);

    /// <summary>Writes what is queued now and returns once it is durable.</summary>
    public void Settle() => _writes.Settle();

    public void Dispose() => _writes.Dispose();
}
