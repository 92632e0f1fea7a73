using System.Collections.Concurrent;
using Assistant.Bot.Storage;
using Assistant.Ticketing.Storage;
using LiteDB;

namespace Assistant.Bot.SelfService;

/// <summary>
/// The outcomes of the articles offered, in <c>assistant.db</c>. A turn's record is queued and written with the others of
/// the same second (<see cref="BatchedWrites{T}"/>): the turn does not wait for it, <see cref="Find"/> sees it at once,
/// and the reads of the file (the figures, an erasure) write the queue first. A killed process can lose the last second
/// of outcomes, which only the admins' figures read.
/// </summary>
public sealed class SelfServiceLog : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly ILiteCollection<SelfServiceOutcome> _outcomes;
    private readonly ConcurrentDictionary<string, SelfServiceOutcome> _queued = new(StringComparer.Ordinal);
    private readonly BatchedWrites<SelfServiceOutcome> _writes;

    public SelfServiceLog(BotDatabase database, ILogger<SelfServiceLog> logger)
    {
        ArgumentNullException.ThrowIfNull(database);
        _outcomes = database.Database.GetCollection<SelfServiceOutcome>("selfservice");
        _outcomes.EnsureIndex(o => o.OfferedAt);
        _outcomes.EnsureIndex(o => o.UserId);
        _writes = new BatchedWrites<SelfServiceOutcome>(database.Commits, Write, logger, Interval);
    }

    public Task RecordAsync(SelfServiceOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        _queued[outcome.Id] = outcome;
        _writes.Add(outcome);
        return Task.CompletedTask;
    }

    /// <summary>Writes what is queued now and returns once it is durable (a backup of <c>assistant.db</c>).</summary>
    public void Settle() => _writes.Settle();

    public SelfServiceOutcome? Find(string id) => _queued.TryGetValue(id, out var queued) ? queued : _outcomes.FindById(id);

    public IReadOnlyList<SelfServiceOutcome> Since(DateTimeOffset from)
    {
        Settle();
        return _outcomes.Find(o => o.OfferedAt >= from).ToList();
    }

    /// <summary>A user's erasure request removes their outcomes too.</summary>
    public int ForgetUser(string userId)
    {
        Settle();
        return _outcomes.DeleteMany(o => o.UserId == userId);
    }

    public void Dispose() => _writes.Dispose();

    private void Write(LiteDatabase database, List<SelfServiceOutcome> batch)
    {
        database.GetCollection<SelfServiceOutcome>("selfservice").Upsert(batch);
        foreach (var outcome in batch)
        {
            // Still the same object: nothing newer was recorded meanwhile, the file now answers for it.
            _queued.TryRemove(new KeyValuePair<string, SelfServiceOutcome>(outcome.Id, outcome));
        }
    }
}
