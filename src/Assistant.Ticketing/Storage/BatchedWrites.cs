using System.Collections.Concurrent;
using LiteDB;
using Microsoft.Extensions.Logging;

namespace Assistant.Ticketing.Storage;

/// <summary>
/// Documents that need not be durable with the turn that made them (records kept for reports and the audit): queued,
/// and written together about once an <c>interval</c> in one transaction of the file's <see cref="CommitQueue"/>, so a
/// LiteDB commit (a few 8 KiB pages, written to the log and again at the checkpoint) serves a second of them instead of
/// one. Whoever reads what they go to calls <see cref="Settle"/> first; a stop writes what is queued; a killed process
/// can lose the last interval of them.
/// </summary>
public sealed partial class BatchedWrites<T> : IDisposable
{
    private readonly CommitQueue _commits;
    private readonly Action<LiteDatabase, List<T>> _write;
    private readonly ILogger _logger;
    private readonly ConcurrentQueue<T> _queued = new();
    private readonly Lock _writing = new();
    private readonly Timer _timer;

    /// <param name="write">Puts a batch into the file, inside the transaction; the order of the batch is the order of <see cref="Add"/>.</param>
    /// <param name="interval">How often the queue is written; <see cref="Timeout.InfiniteTimeSpan"/>: only when settled or stopped.</param>
    public BatchedWrites(CommitQueue commits, Action<LiteDatabase, List<T>> write, ILogger logger, TimeSpan interval)
    {
        _commits = commits;
        _write = write;
        _logger = logger;
        _timer = new Timer(_ => WriteQuietly(), null, interval, interval);
    }

    /// <summary>Documents waiting for the next write.</summary>
    public int Count => _queued.Count;

    public void Add(T document) => _queued.Enqueue(document);

    /// <summary>Writes what is queued now, in one transaction, and returns once it is durable.</summary>
    public void Settle()
    {
        lock (_writing)
        {
            var batch = new List<T>(_queued.Count);
            while (_queued.TryDequeue(out var document))
            {
                batch.Add(document);
            }

            if (batch.Count == 0)
            {
                return;
            }

            try
            {
                _commits.WriteAsync(db => _write(db, batch)).GetAwaiter().GetResult();
            }
            catch
            {
                // Kept for the next write; a later document of the same batch may now come before them.
                foreach (var document in batch)
                {
                    _queued.Enqueue(document);
                }

                throw;
            }
        }
    }

    public void Dispose()
    {
        // Waits for a write the timer started, so none runs once the file behind it is closed.
        using (var stopped = new ManualResetEvent(initialState: false))
        {
            if (_timer.Dispose(stopped))
            {
                stopped.WaitOne();
            }
        }

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
            LogWriteFailed(_logger, ex, _queued.Count, _commits.Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing {Documents} queued documents to {File} failed; they are kept for the next try")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int documents, string file);
}
