using Assistant.Ticketing.Storage;

namespace Assistant.Ticketing.Notices;

/// <summary>
/// The service notices in <c>tickets.db</c>. The current ones are also held in memory (one process owns the file), so
/// the dialog can check every turn without a read.
/// </summary>
public sealed class NoticeBoard
{
    private readonly TicketingDatabase _database;
    private readonly TimeProvider _time;
    private readonly Lock _writeLock = new();
    // Replaced whole after each write: the notices not ended, oldest first.
    private volatile IReadOnlyList<ServiceNotice> _open;

    public NoticeBoard(TicketingDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
        _open = Load();
    }

    public DateTimeOffset Now => _time.GetUtcNow();

    public ServiceNotice? Find(string id) => _database.Notices.FindById(id);

    /// <summary>Notices still to show (active or announced), of one operator or of all.</summary>
    public IReadOnlyList<ServiceNotice> Current(string? operatorId = null)
    {
        var now = Now;
        return [.. _open.Where(n => n.IsCurrent(now) && (operatorId is null || n.OperatorId == operatorId))];
    }

    /// <summary>Every notice of these operators (null: all), newest first, ended ones included.</summary>
    public IReadOnlyList<ServiceNotice> History(IReadOnlyCollection<string>? operatorIds, int limit = 100) =>
        [.. _database.Notices.FindAll()
            .Where(n => operatorIds is null || operatorIds.Contains(n.OperatorId, StringComparer.OrdinalIgnoreCase))
            .OrderByDescending(n => n.CreatedAt)
            .Take(Math.Clamp(limit, 1, 500))];

    /// <summary>The most recent ongoing incident of the operator on that product, or null.</summary>
    public ServiceNotice? ActiveIncident(string operatorId, string? product) => Active(operatorId, product, NoticeKinds.Incident);

    public ServiceNotice? ActiveMaintenance(string operatorId, string? product) => Active(operatorId, product, NoticeKinds.Maintenance);

    public void Add(ServiceNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        lock (_writeLock)
        {
            _database.Notices.Insert(notice);
            _open = Load();
        }
    }

    /// <summary>Applies <paramref name="change"/> to the stored notice and saves it; null when there is no such notice.</summary>
    public ServiceNotice? Change(string id, Action<ServiceNotice> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_writeLock)
        {
            var notice = _database.Notices.FindById(id);
            if (notice is null)
            {
                return null;
            }
            change(notice);
            _database.Notices.Update(notice);
            _open = Load();
            return notice;
        }
    }

    private ServiceNotice? Active(string operatorId, string? product, string kind)
    {
        var now = Now;
        return _open.LastOrDefault(n => n.Kind == kind && n.OperatorId == operatorId && n.Covers(product) && n.IsActive(now));
    }

    private List<ServiceNotice> Load() =>
        [.. _database.Notices.Find(n => n.EndedAt == null).OrderBy(n => n.CreatedAt)];
}
