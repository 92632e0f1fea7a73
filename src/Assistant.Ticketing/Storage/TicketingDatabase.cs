using Assistant.Ticketing.Consents;
using Assistant.Ticketing.Customers;
using Assistant.Ticketing.Notices;
using Assistant.Ticketing.Operators;
using Assistant.Ticketing.Staff;
using Assistant.Ticketing.Tickets;
using LiteDB;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Ticketing.Storage;

/// <summary>
/// The one long-lived <see cref="LiteDatabase"/> on <c>tickets.db</c>, with its collections and indexes
/// resolved once at start. Stores share it; LiteDB serialises writers itself.
/// </summary>
public sealed class TicketingDatabase : IDisposable
{
    /// <summary>The document shape this code reads and writes; raise it with a migration step when a shape changes.</summary>
    public const int CurrentVersion = 1;

    private readonly LiteDbFile _file;
    private readonly LiteDatabase _database;

    /// <summary>Log pages (8 KiB each) after which LiteDB copies its log into the data file.</summary>
    public const int CheckpointPages = 1000;

    public TicketingDatabase(string path, ILogger? logger = null)
    {
        FilePath = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(FilePath)!);
        _file = new LiteDbFile(FilePath, CreateMapper());
        _database = _file.Database;
        // Every 8 MB of log, as the conversation file: a checkpoint makes every writer wait (see ConversationDatabase).
        _database.Pragma("CHECKPOINT", CheckpointPages);
        LiteDbCollections.Ensure(_database, "tickets", "counters", "customers", "consents", "staff", "operator_edits", "notices");
        Commits = new CommitQueue(_file, Path.GetFileName(FilePath), logger ?? NullLogger.Instance);
        var storedVersion = _database.UserVersion;
        if (storedVersion > CurrentVersion)
        {
            Commits.Dispose();
            _file.Dispose();
            throw new InvalidOperationException(
                $"The ticket database '{FilePath}' has version {storedVersion}, newer than this build ({CurrentVersion}). Use a newer build or another data directory.");
        }

        Tickets = _database.GetCollection<Ticket>("tickets");
        Tickets.EnsureIndex(t => t.Reference, unique: true);
        Tickets.EnsureIndex("OperatorStatus", "$.OperatorId + '|' + $.Status");
        Tickets.EnsureIndex(t => t.Requester.UserId);
        Tickets.EnsureIndex(IncidentIndex, IncidentKey);
        // Each index costs a new ticket two to four pages of 8 KiB, written twice (log, then checkpoint): a conversation's
        // tickets are found through its user's, and the incident ones and their reports share one index.
        foreach (var dropped in (string[])["ConversationId", "IncidentReference", "IsIncident"])
        {
            _ = Tickets.DropIndex(dropped);
        }

        Counters = _database.GetCollection("counters");

        Customers = _database.GetCollection<Customer>("customers");
        Customers.EnsureIndex(c => c.OperatorId);

        Consents = _database.GetCollection<ConsentRecord>("consents");
        Consents.EnsureIndex(c => c.UserId);

        Staff = _database.GetCollection<StaffUser>("staff");
        Staff.EnsureIndex(s => s.Email, unique: true);

        OperatorEdits = _database.GetCollection<OperatorEditRecord>("operator_edits");

        Notices = _database.GetCollection<ServiceNotice>("notices");

        _database.UserVersion = CurrentVersion;
    }

    /// <summary>
    /// One index for both sides of an incident: <see cref="IncidentTicketKey"/> for an incident's own ticket, the incident's
    /// reference for a report linked to it, null for every other ticket (whose nodes then sit together at one end).
    /// </summary>
    internal const string IncidentIndex = "Incident";
    internal const string IncidentKey = "IIF($.IsIncident, 'incident', $.IncidentReference)";
    internal const string IncidentTicketKey = "incident";

    /// <summary>The reports linked to the incident <paramref name="reference"/>, on the incident index.</summary>
    internal static BsonExpression LinkedTo(string reference) => BsonExpression.Create(IncidentKey + " = @0", new BsonValue(reference));

    /// <summary>Incidents' own tickets, on the incident index.</summary>
    internal static BsonExpression IncidentTickets { get; } = BsonExpression.Create(IncidentKey + " = @0", new BsonValue(IncidentTicketKey));

    public string FilePath { get; }

    internal ILiteCollection<Ticket> Tickets { get; }
    internal ILiteCollection<BsonDocument> Counters { get; }
    internal ILiteCollection<Customer> Customers { get; }
    internal ILiteCollection<ConsentRecord> Consents { get; }
    internal ILiteCollection<StaffUser> Staff { get; }
    internal ILiteCollection<OperatorEditRecord> OperatorEdits { get; }
    internal ILiteCollection<ServiceNotice> Notices { get; }

    /// <summary>Runs <paramref name="work"/> as one LiteDB transaction on the calling thread.</summary>
    internal T InTransaction<T>(Func<T> work) => _database.InTransaction(work);

    /// <summary>The names of the indexes of <paramref name="collection"/>, <c>_id</c> included.</summary>
    internal IReadOnlyList<string> IndexNames(string collection) =>
        [.. _database.GetCollection("$indexes").Find(Query.EQ("collection", collection)).Select(i => i["name"].AsString)];

    /// <summary>True when the file answers a read: the readiness check.</summary>
    public bool IsReadable()
    {
        try
        {
            _ = _database.UserVersion;
            return true;
        }
        catch (LiteException)
        {
            return false;
        }
    }

    /// <summary>Group commit for the writes made while customers chat (new tickets, consents).</summary>
    public CommitQueue Commits { get; private set; } = null!;

    /// <summary>A consistent copy of the file while it stays open (a backup); see <see cref="LiteDbSnapshot"/>.</summary>
    public void SnapshotTo(string destinationFile) => LiteDbSnapshot.Write(_database, destinationFile);

    public void Dispose()
    {
        Commits.Dispose();
        _file.Dispose();
    }

    private static BsonMapper CreateMapper()
    {
        var mapper = new BsonMapper();
        // LiteDB stores DateTime in UTC; keeping offsets at zero makes every date read back as UTC.
        mapper.RegisterType<DateTimeOffset>(
            value => new BsonValue(value.UtcDateTime),
            bson => new DateTimeOffset(DateTime.SpecifyKind(bson.AsDateTime.ToUniversalTime(), DateTimeKind.Utc)));
        mapper.Entity<Customer>().Id(c => c.Key, autoId: false);
        mapper.Entity<StaffUser>().Id(s => s.Id, autoId: false);
        mapper.Entity<OperatorEditRecord>().Id(e => e.Id, autoId: false);
        mapper.Entity<ServiceNotice>().Id(n => n.Id, autoId: false);
        return mapper;
    }
}
