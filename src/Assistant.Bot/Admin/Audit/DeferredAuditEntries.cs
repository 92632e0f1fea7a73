using System.Collections.Concurrent;

namespace Assistant.Bot.Admin.Audit;

/// <summary>
/// The audit entries of moderation decisions that let a message through: one per user message, and the largest share
/// of what a turn wrote to disk while each joined <c>admin.db</c>'s group commit on its own (a few 8 KiB pages, written
/// to the log and again at the checkpoint). They are written together about once a second instead, and the turn does
/// not wait for them. Every read of the audit log writes them first, so a search or a report never misses one; a killed
/// process can lose the last second of them. A decision that refuses, warns or counts a strike is not deferred: it is
/// written with the turn, since withdrawing a strike reads it.
/// </summary>
public sealed partial class DeferredAuditEntries : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly AdminDatabase _database;
    private readonly ILogger<DeferredAuditEntries> _logger;
    private readonly ConcurrentQueue<AuditEntry> _queued = new();
    private readonly Lock _writing = new();
    private readonly Timer _timer;

    public DeferredAuditEntries(AdminDatabase database, ILogger<DeferredAuditEntries> logger)
        : this(database, logger, Interval)
    {
    }

    /// <param name="interval">How often the queued entries are written; <see cref="Timeout.InfiniteTimeSpan"/>: only when settled or stopped.</param>
    public DeferredAuditEntries(AdminDatabase database, ILogger<DeferredAuditEntries> logger, TimeSpan interval)
    {
        _database = database;
        _logger = logger;
        _timer = new Timer(_ => WriteQuietly(), null, interval, interval);
    }

    /// <summary>Entries waiting for the next write.</summary>
    public int Count => _queued.Count;

    public void Add(AuditEntry entry) => _queued.Enqueue(entry);

    /// <summary>Writes what is queued now, in one transaction, and returns once it is durable.</summary>
    public void Settle()
    {
        lock (_writing)
        {
            var batch = new List<AuditEntry>(_queued.Count);
            while (_queued.TryDequeue(out var entry))
            {
                batch.Add(entry);
            }

            if (batch.Count == 0)
            {
                return;
            }

            try
            {
                _database.Commits.WriteAsync(db => db.GetCollection<AuditEntry>("audit").Insert(batch)).GetAwaiter().GetResult();
            }
            catch
            {
                // Kept for the next write (the entries carry their own time, and searches sort by it).
                foreach (var entry in batch)
                {
                    _queued.Enqueue(entry);
                }

                throw;
            }
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        WriteQuietly();
    }

    private void WriteQuietly()
    {
        try
        {
            Settle();
        }
        catch (Exception ex)
        {
            LogWriteFailed(_logger, ex, _queued.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing {Entries} deferred moderation audit entries to admin.db failed; they are kept for the next try")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int entries);
}
