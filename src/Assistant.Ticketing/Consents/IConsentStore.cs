using System.Collections.Concurrent;
using Assistant.Ticketing.Storage;

namespace Assistant.Ticketing.Consents;

public interface IConsentStore
{
    /// <summary>Stores the answer with the current UTC time and returns it.</summary>
    ConsentRecord Record(string operatorId, string userId, string cguVersion, bool accepted);

    /// <summary>The same in the next group commit: durable when the task completes.</summary>
    Task<ConsentRecord> RecordAsync(string operatorId, string userId, string cguVersion, bool accepted);

    /// <summary>The user's latest answer to that version of the operator's CGU, or null if never asked.</summary>
    ConsentRecord? Latest(string operatorId, string userId, string cguVersion);

    IReadOnlyList<ConsentRecord> ListByUser(string userId);

    /// <summary>Erases a user's consent records (data erasure request); returns how many.</summary>
    int DeleteByUser(string userId);
}

/// <summary>
/// Consents in <c>tickets.db</c>. Every turn asks for the latest answer, so the latest answer per operator, user and
/// version is kept in memory once read or written (one process owns a LiteDB file); erasure drops it.
/// </summary>
public sealed class LiteDbConsentStore(TicketingDatabase database, TimeProvider time) : IConsentStore
{
    private const int MaxRemembered = 100_000;
    private readonly ConcurrentDictionary<(string OperatorId, string UserId, string CguVersion), ConsentRecord?> _latest = new();

    public ConsentRecord Record(string operatorId, string userId, string cguVersion, bool accepted) =>
        RecordAsync(operatorId, userId, cguVersion, accepted).GetAwaiter().GetResult();

    public async Task<ConsentRecord> RecordAsync(string operatorId, string userId, string cguVersion, bool accepted)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operatorId);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(cguVersion);
        var record = new ConsentRecord
        {
            OperatorId = operatorId.ToLowerInvariant(),
            UserId = userId,
            CguVersion = cguVersion,
            Accepted = accepted,
            At = time.GetUtcNow(),
        };
        await database.Commits.WriteAsync(_ => database.Consents.Insert(record));
        MakeRoom();
        _latest[(record.OperatorId, userId, cguVersion)] = record;
        return record;
    }

    public ConsentRecord? Latest(string operatorId, string userId, string cguVersion)
    {
        var id = operatorId.ToLowerInvariant();
        if (_latest.TryGetValue((id, userId, cguVersion), out var known))
        {
            return known;
        }

        // Ids grow with each insert, so the highest id is the latest answer even within one millisecond.
        var latest = database.Consents.Find(c => c.UserId == userId)
            .Where(c => c.OperatorId == id && c.CguVersion == cguVersion)
            .MaxBy(c => c.Id);
        // An answer recorded meanwhile is newer than what was read: it wins.
        MakeRoom();
        return _latest.TryAdd((id, userId, cguVersion), latest) ? latest : _latest.GetValueOrDefault((id, userId, cguVersion));
    }

    /// <summary>Past <see cref="MaxRemembered"/> answers, the memory starts again empty (reads then go to the file).</summary>
    private void MakeRoom()
    {
        if (_latest.Count >= MaxRemembered)
        {
            _latest.Clear();
        }
    }

    public IReadOnlyList<ConsentRecord> ListByUser(string userId) =>
        database.Consents.Find(c => c.UserId == userId).OrderBy(c => c.Id).ToList();

    public int DeleteByUser(string userId)
    {
        var deleted = database.Consents.DeleteMany(c => c.UserId == userId);
        foreach (var key in _latest.Keys.Where(k => k.UserId == userId))
        {
            _latest.TryRemove(key, out _);
        }
        return deleted;
    }
}
