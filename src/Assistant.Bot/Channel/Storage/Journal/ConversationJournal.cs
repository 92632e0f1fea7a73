using System.Collections.Concurrent;
using Assistant.Ticketing.Storage;
using LiteDB;

namespace Assistant.Bot.Channel.Storage.Journal;

/// <summary>
/// The durable side of the conversation log. A turn's write is one frame appended to the journal, and one fsync serves
/// every write waiting at that moment (group commit): the turn waits for that append and nothing else. A second
/// thread copies what the journal holds into <c>conversations.db</c> about once a second, many turns in one LiteDB
/// transaction, and deletes the journal's files once the file has them; until then <see cref="Pending"/> answers the
/// reads. LiteDB's checkpoints (it copies its log into the data file while every writer of the file waits) now hold up
/// that copy, never a turn. At start, whatever the journal holds past the file's last copy is copied before anything
/// is served (a killed process loses nothing it acknowledged).
/// </summary>
public sealed partial class ConversationJournal : IDisposable
{
    /// <summary>Writes appended with one fsync at most; more wait for the next one.</summary>
    public const int MaxBatch = 512;

    /// <summary>A segment past this size is closed and a new one started, so applied segments can be deleted.</summary>
    public const long SegmentBytes = 16 * 1024 * 1024;

    /// <summary>How long <see cref="SettleAsync"/> waits for the copy into the file before it gives up with an error.</summary>
    public static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Entries copied into the file in one transaction at most.</summary>
    public const int MaxApplyBatch = 4096;

    internal const string MetaCollection = "journal";
    internal const string AppliedId = "applied";

    private readonly CommitQueue _commits;
    private readonly BsonMapper _mapper;
    private readonly ILogger _logger;
    private readonly string _folder;
    private readonly TimeSpan _applyInterval;
    private readonly BlockingCollection<Work> _queue = new(new ConcurrentQueue<Work>());
    private readonly ConcurrentQueue<JournalEntry> _toApply = new();
    private readonly ConcurrentQueue<(string Path, long LastSequence)> _closedSegments = new();
    private readonly ConcurrentDictionary<string, int> _writing = new(StringComparer.Ordinal);
    private readonly List<(long Sequence, TaskCompletionSource Done)> _settleWaiters = [];
    private readonly AutoResetEvent _applyNow = new(initialState: false);
    private readonly Thread _writer;
    private readonly Thread _applier;
    private volatile bool _stopping;
    private FileStream _segment;
    private string _segmentPath;
    private long _nextSequence;
    private long _applied;
    private long _flushes;

    public ConversationJournal(LiteDatabase database, CommitQueue commits, string dataDirectory, ILogger logger, TimeSpan applyInterval)
    {
        _commits = commits;
        _mapper = database.Mapper;
        _logger = logger;
        _applyInterval = applyInterval;
        _folder = Path.Combine(dataDirectory, JournalSegments.Folder);
        _applied = JournalRecovery.Replay(database, commits, _folder, logger);
        _nextSequence = _applied + 1;
        _segmentPath = JournalSegments.PathOf(_folder, _nextSequence);
        _segment = JournalSegments.Create(_folder, _nextSequence);
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "journal conversations" };
        _applier = new Thread(ApplyLoop) { IsBackground = true, Name = "journal apply conversations" };
        _writer.Start();
        _applier.Start();
    }

    /// <summary>Durable writes not yet in the file, for the reads of the log.</summary>
    public PendingWrites Pending { get; } = new();

    /// <summary>Writes waiting for their append.</summary>
    public int Queued => _queue.Count;

    /// <summary>Durable writes not yet copied into the file.</summary>
    public int Behind => _toApply.Count;

    /// <summary>The last sequence copied into the file.</summary>
    public long Applied => Interlocked.Read(ref _applied);

    /// <summary>Group appends made so far, each with one fsync (fewer than the writes when they come together).</summary>
    public long Flushes => Interlocked.Read(ref _flushes);

    /// <summary>Appends <paramref name="entry"/> in the next group append and completes once it is on disk.</summary>
    /// <param name="committed">Runs on the writer thread once the entry is durable and readable, in the order of the writes; must not block.</param>
    public Task WriteAsync(JournalEntry entry, Action? committed = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _writing.AddOrUpdate(entry.ConversationId, 1, (_, count) => count + 1);
        try
        {
            return Enqueue(new Work(entry, committed));
        }
        catch
        {
            Landed(entry.ConversationId);
            throw;
        }
    }

    /// <summary>
    /// Whether a write of that conversation is queued or being appended: not durable yet, so not in <see cref="Pending"/>
    /// either, but on its way into the file (what deletes the conversation settles first, or the copy would bring it back).
    /// </summary>
    public bool Writing(string conversationId) => _writing.ContainsKey(conversationId);

    private void Landed(string conversationId)
    {
        if (_writing.AddOrUpdate(conversationId, 0, (_, count) => count - 1) <= 0)
        {
            _ = _writing.TryRemove(new KeyValuePair<string, int>(conversationId, 0));
        }
    }

    /// <summary>
    /// Completes once everything written before the call is in <c>conversations.db</c> and the journal files that held it are
    /// gone: what reads the file directly (export, erasure, retention, a backup) sees all of it, and erased data does
    /// not stay behind in the journal.
    /// </summary>
    public async Task SettleAsync()
    {
        var rotate = new Work(Entry: null, Committed: null);
        await Enqueue(rotate);
        var target = rotate.RotatedAfter;
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_settleWaiters)
        {
            _settleWaiters.Add((target, waiter));
        }

        _applyNow.Set();
        try
        {
            await waiter.Task.WaitAsync(SettleTimeout);
        }
        catch (TimeoutException)
        {
            // The copy keeps failing (a full or dead disk, see its log lines): what reads the file would miss writes.
            throw new TimeoutException(
                $"conversations.db has not taken the journal's writes within {SettleTimeout.TotalSeconds:0} s; the copy's errors are in the log.");
        }
    }

    /// <summary>The blocking form of <see cref="SettleAsync"/>, for the synchronous callers (it waits on the journal's own threads).</summary>
    public void Settle() => SettleAsync().GetAwaiter().GetResult();

    private Task Enqueue(Work work)
    {
        try
        {
            _queue.Add(work);
        }
        catch (InvalidOperationException)
        {
            throw new ObjectDisposedException(nameof(ConversationJournal), "The conversation journal is closing.");
        }

        return work.Done.Task;
    }

    private void WriteLoop()
    {
        var batch = new List<Work>(MaxBatch);
        var buffer = new List<byte>(64 * 1024);
        foreach (var first in _queue.GetConsumingEnumerable())
        {
            batch.Clear();
            batch.Add(first);
            while (batch.Count < MaxBatch && _queue.TryTake(out var next))
            {
                batch.Add(next);
            }

            // A settle's rotation splits the batch: what came before it goes into the segment it closes.
            var start = 0;
            for (var i = 0; i < batch.Count; i++)
            {
                if (batch[i].Entry is null)
                {
                    Append(batch, start, i, buffer);
                    Rotate(batch[i]);
                    start = i + 1;
                }
            }

            Append(batch, start, batch.Count, buffer);
            if (_segment.Length >= SegmentBytes)
            {
                Rotate(settle: null);
            }
        }
    }

    private void Append(List<Work> batch, int start, int end, List<byte> buffer)
    {
        if (start >= end)
        {
            return;
        }

        var firstSequence = _nextSequence;
        var length = _segment.Length;
        try
        {
            buffer.Clear();
            for (var i = start; i < end; i++)
            {
                var entry = batch[i].Entry!;
                entry.Sequence = _nextSequence + (i - start);
                JournalSegments.Frame(buffer, entry.Encode(_mapper));
            }

            _segment.Write(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(buffer));
            _segment.Flush(flushToDisk: true);
            Interlocked.Increment(ref _flushes);
        }
        catch (Exception ex)
        {
            // A frame half written would end the readable part of the segment: cut it off, the writes fail, the next ones go on.
            LogAppendFailed(_logger, ex, end - start);
            if (!TryCut(length))
            {
                // Frames after a cut-off one would never be read back: the next ones go to a segment of their own.
                Rotate(settle: null);
            }

            for (var i = start; i < end; i++)
            {
                Landed(batch[i].Entry!.ConversationId);
                batch[i].Done.TrySetException(ex);
            }

            return;
        }

        _nextSequence = firstSequence + (end - start);
        for (var i = start; i < end; i++)
        {
            var work = batch[i];
            Pending.Add(work.Entry!);
            Landed(work.Entry!.ConversationId);
            _toApply.Enqueue(work.Entry!);
            try
            {
                work.Committed?.Invoke();
            }
            catch (Exception ex)
            {
                LogCallbackFailed(_logger, ex, work.Entry!.ConversationId);
            }

            work.Done.TrySetResult();
        }

        if (_toApply.Count >= MaxApplyBatch)
        {
            _applyNow.Set();
        }
    }

    private bool TryCut(long length)
    {
        try
        {
            _segment.SetLength(length);
            _segment.Position = length;
            _segment.Flush(flushToDisk: true);
            return true;
        }
        catch (Exception ex)
        {
            LogCutFailed(_logger, ex, _segmentPath);
            return false;
        }
    }

    /// <summary>Closes the segment (everything in it is durable) and starts the next one.</summary>
    private void Rotate(Work? settle)
    {
        var last = _nextSequence - 1;
        try
        {
            if (_segment.Length > 0)
            {
                _segment.Dispose();
                var next = JournalSegments.PathOf(_folder, _nextSequence);
                if (next == _segmentPath)
                {
                    // Named after the next sequence: no write in it was acknowledged, it holds only a frame that could not be cut off.
                    File.Delete(_segmentPath);
                }
                else
                {
                    _closedSegments.Enqueue((_segmentPath, last));
                }

                _segmentPath = next;
                _segment = JournalSegments.Create(_folder, _nextSequence);
            }
        }
        catch (Exception ex)
        {
            LogRotateFailed(_logger, ex, _segmentPath);
            settle?.Done.TrySetException(ex);
            return;
        }

        if (settle is not null)
        {
            settle.RotatedAfter = last;
            settle.Done.TrySetResult();
        }
    }

    private void ApplyLoop()
    {
        while (true)
        {
            _applyNow.WaitOne(_applyInterval);
            var stopping = _stopping;
            ApplyQueued();
            DeleteAppliedSegments();
            CompleteSettles();
            if (stopping)
            {
                return;
            }
        }
    }

    private void ApplyQueued()
    {
        var batch = new List<JournalEntry>(Math.Min(MaxApplyBatch, _toApply.Count + 1));
        while (true)
        {
            batch.Clear();
            while (batch.Count < MaxApplyBatch && _toApply.TryPeek(out var entry))
            {
                batch.Add(entry);
                _ = _toApply.TryDequeue(out _);
            }

            if (batch.Count == 0)
            {
                return;
            }

            var last = batch[^1].Sequence;
            var retried = false;
            while (true)
            {
                try
                {
                    _commits.WriteAsync(db => Apply(db, batch, last, replay: retried)).GetAwaiter().GetResult();
                    break;
                }
                catch (Exception ex) when (!_stopping)
                {
                    // The journal keeps the writes and the reads still find them pending: try again shortly.
                    LogApplyFailed(_logger, ex, batch.Count);
                    retried = true; // whether the failed transaction kept anything is unknown: overwrite on the next try
                    Thread.Sleep(TimeSpan.FromSeconds(1));
                }
                catch (Exception ex)
                {
                    LogApplyFailed(_logger, ex, batch.Count);
                    return; // closing: the journal's files stay, the next start copies them
                }
            }

            Interlocked.Exchange(ref _applied, last);
            Pending.Applied(batch.Select(e => e.ConversationId).Distinct(StringComparer.Ordinal), last);
        }
    }

    /// <summary>Puts <paramref name="entries"/> into the file with the last sequence it now holds, in one transaction.</summary>
    internal static void Apply(LiteDatabase database, List<JournalEntry> entries, long last, bool replay)
    {
        JournalEntry.ApplyAll(database, entries, replay);
        database.GetCollection(MetaCollection).Upsert(new BsonDocument { ["_id"] = AppliedId, ["sequence"] = last });
    }

    private void DeleteAppliedSegments()
    {
        var deleted = false;
        while (_closedSegments.TryPeek(out var segment) && segment.LastSequence <= Applied)
        {
            try
            {
                File.Delete(segment.Path);
                deleted = true;
            }
            catch (IOException ex)
            {
                LogDeleteFailed(_logger, ex, segment.Path);
                break;
            }

            _ = _closedSegments.TryDequeue(out _);
        }

        if (deleted)
        {
            JournalSegments.SyncDirectory(_folder);
        }
    }

    private void CompleteSettles()
    {
        var applied = Applied;
        var oldestClosed = _closedSegments.TryPeek(out var segment) ? segment.LastSequence : long.MaxValue;
        lock (_settleWaiters)
        {
            // Settled once the file has it and no closed segment up to that point is left on disk.
            _settleWaiters.RemoveAll(w =>
            {
                if (w.Sequence > applied || oldestClosed <= w.Sequence)
                {
                    return false;
                }

                w.Done.TrySetResult();
                return true;
            });
        }
    }

    /// <summary>Appends what is queued, copies everything into the file, deletes the journal's files, then stops.</summary>
    public void Dispose()
    {
        _queue.CompleteAdding();
        _writer.Join();
        _segment.Dispose();
        _closedSegments.Enqueue((_segmentPath, _nextSequence - 1));
        _stopping = true;
        _applyNow.Set();
        _applier.Join();
        _queue.Dispose();
        _applyNow.Dispose();
    }

    private sealed record Work(JournalEntry? Entry, Action? Committed)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>For a rotation: the last sequence of the segment it closed.</summary>
        public long RotatedAfter { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Appending {Writes} writes to the conversation journal failed")]
    private static partial void LogAppendFailed(ILogger logger, Exception exception, int writes);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The conversation journal {Path} could not be cut back after a failed append")]
    private static partial void LogCutFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "A post-append callback of conversation {ConversationId} failed")]
    private static partial void LogCallbackFailed(ILogger logger, Exception exception, string conversationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Starting a new conversation journal segment after {Path} failed")]
    private static partial void LogRotateFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Copying {Writes} journal writes into conversations.db failed; they stay in the journal")]
    private static partial void LogApplyFailed(ILogger logger, Exception exception, int writes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting the applied journal segment {Path} failed")]
    private static partial void LogDeleteFailed(ILogger logger, Exception exception, string path);
}
