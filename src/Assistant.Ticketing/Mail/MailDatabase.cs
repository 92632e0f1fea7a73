using Assistant.Ticketing.Storage;
using LiteDB;

namespace Assistant.Ticketing.Mail;

/// <summary>
/// <c>mail.db</c> in the data directory: the outbox, the opt-outs and the refused addresses. A file of its own, so
/// the outbox's writes never wait behind the tickets' group commits (and a later shared store replaces one file).
/// </summary>
public sealed class MailDatabase : IDisposable
{
    public const string FileName = "mail.db";
    public const int CurrentVersion = 1;

    private readonly LiteDatabase _database;

    public MailDatabase(string dataDirectory)
    {
        FilePath = Path.Combine(Path.GetFullPath(dataDirectory), FileName);
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        // Empty strings stay empty (an erased address is "", never null).
        var mapper = new BsonMapper { EmptyStringToNull = false };
        mapper.RegisterType<DateTimeOffset>(
            value => new BsonValue(value.UtcDateTime),
            bson => new DateTimeOffset(DateTime.SpecifyKind(bson.AsDateTime.ToUniversalTime(), DateTimeKind.Utc)));
        mapper.Entity<OutboxMail>().Id(m => m.Id, autoId: false);
        mapper.Entity<MailOptOut>().Id(o => o.Id, autoId: false);
        mapper.Entity<RefusedAddress>().Id(r => r.Id, autoId: false);
        _database = new LiteDatabase(new ConnectionString { Filename = FilePath, Connection = ConnectionType.Direct }, mapper);
        if (_database.UserVersion > CurrentVersion)
        {
            _database.Dispose();
            throw new InvalidOperationException($"The mail database '{FilePath}' has version {CurrentVersion}+, newer than this build. Use a newer build or another data directory.");
        }

        LiteDbCollections.Ensure(_database, "outbox", "optouts", "refused");
        Outbox = _database.GetCollection<OutboxMail>("outbox");
        Outbox.EnsureIndex(m => m.State);
        Outbox.EnsureIndex(m => m.NextAttemptAt);
        Outbox.EnsureIndex(m => m.UserId);
        Outbox.EnsureIndex(m => m.CreatedAt);
        OptOuts = _database.GetCollection<MailOptOut>("optouts");
        OptOuts.EnsureIndex(o => o.UserId);
        Refused = _database.GetCollection<RefusedAddress>("refused");
        Refused.EnsureIndex(r => r.UserId);
        _database.UserVersion = CurrentVersion;
    }

    public string FilePath { get; }

    internal ILiteCollection<OutboxMail> Outbox { get; }
    internal ILiteCollection<MailOptOut> OptOuts { get; }
    internal ILiteCollection<RefusedAddress> Refused { get; }

    /// <summary>Runs <paramref name="work"/> as one transaction.</summary>
    internal T InTransaction<T>(Func<T> work) => _database.InTransaction(work);

    /// <summary>A consistent copy of the file while it stays open (a backup); see <see cref="LiteDbSnapshot"/>.</summary>
    public void SnapshotTo(string destinationFile) => LiteDbSnapshot.Write(_database, destinationFile);

    public void Dispose() => _database.Dispose();
}
