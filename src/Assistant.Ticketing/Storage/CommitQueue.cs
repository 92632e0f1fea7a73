using System.Collections.Concurrent;
using LiteDB;
using Microsoft.Extensions.Logging;

namespace Assistant.Ticketing.Storage;

/// <summary>
/// Group commit for one LiteDB file: writes from every conversation are queued, and one thread applies all that are
/// waiting in a single transaction, so one commit (and one flush to disk) serves many turns. A write's task completes
/// once its transaction is committed; its <c>committed</c> callback then runs on the writer thread, in queue order, so
/// what is published after a commit comes out in the order it was written. The log reaches the disk once per
/// transaction, before any of its writes completes (see <see cref="DiskFlushedFile"/>).
/// </summary>
public sealed partial class CommitQueue : IDisposable
{
    /// <summary>Writes applied in one transaction at most; more wait for the next one.</summary>
    public const int MaxBatch = 512;

    private readonly LiteDatabase _database;
    private readonly DiskFlushedFile _log;
    private readonly ILogger _logger;
    private readonly BlockingCollection<Work> _queue = new(new ConcurrentQueue<Work>());
    private readonly Thread _writer;

    public CommitQueue(LiteDbFile file, string name, ILogger logger)
    {
        _database = file.Database;
        _log = file.Log;
        _logger = logger;
        Name = name;
        _writer = new Thread(Run) { IsBackground = true, Name = $"commit {name}" };
        _writer.Start();
    }

    public string Name { get; }

    /// <summary>Writes waiting for their transaction.</summary>
    public int Pending => _queue.Count;

    /// <summary>Applies <paramref name="write"/> in the next group transaction and completes when it is committed.</summary>
    /// <param name="committed">Runs on the writer thread after the commit, in the order the writes were queued; must not block.</param>
    public Task WriteAsync(Action<LiteDatabase> write, Action? committed = null)
    {
        var work = new Work(write, committed);
        try
        {
            _queue.Add(work);
        }
        catch (InvalidOperationException)
        {
            throw new ObjectDisposedException(nameof(CommitQueue), $"The {Name} database is closing.");
        }

        return work.Done.Task;
    }

    private void Run()
    {
        var batch = new List<Work>(MaxBatch);
        foreach (var first in _queue.GetConsumingEnumerable())
        {
            batch.Clear();
            batch.Add(first);
            while (batch.Count < MaxBatch && _queue.TryTake(out var next))
            {
                batch.Add(next);
            }

            Commit(batch);
        }
    }

    private void Commit(List<Work> batch)
    {
        try
        {
            using (_log.Deferring())
            {
                _database.BeginTrans();
                foreach (var work in batch)
                {
                    work.Write(_database);
                }

                _database.Commit();
            }

            _log.FlushToDisk();
        }
        catch (Exception ex)
        {
            // One bad write must not fail the others: undo the batch and give each write its own transaction.
            TryRollback();
            LogBatchFailed(_logger, ex, Name, batch.Count);
            foreach (var work in batch)
            {
                CommitAlone(work);
            }

            return;
        }

        foreach (var work in batch)
        {
            Completed(work);
        }
    }

    private void CommitAlone(Work work)
    {
        try
        {
            using (_log.Deferring())
            {
                _database.BeginTrans();
                work.Write(_database);
                _database.Commit();
            }

            _log.FlushToDisk();
        }
        catch (Exception ex)
        {
            TryRollback();
            work.Done.TrySetException(ex);
            return;
        }

        Completed(work);
    }

    private void Completed(Work work)
    {
        try
        {
            work.Committed?.Invoke();
        }
        catch (Exception ex)
        {
            LogCallbackFailed(_logger, ex, Name);
        }

        // Continuations run on the thread pool, never on the writer thread.
        work.Done.TrySetResult();
    }

    private void TryRollback()
    {
        try
        {
            _database.Rollback();
        }
        catch (LiteException)
        {
            // No transaction was open.
        }
    }

    /// <summary>Finishes what is queued, then stops the writer.</summary>
    public void Dispose()
    {
        _queue.CompleteAdding();
        _writer.Join();
        _queue.Dispose();
    }

    private sealed record Work(Action<LiteDatabase> Write, Action? Committed)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A group commit on {Database} failed ({Writes} writes); retrying them one by one")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, string database, int writes);

    [LoggerMessage(Level = LogLevel.Error, Message = "A post-commit callback on {Database} failed")]
    private static partial void LogCallbackFailed(ILogger logger, Exception exception, string database);
}
