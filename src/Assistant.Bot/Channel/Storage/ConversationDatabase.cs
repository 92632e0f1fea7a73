using Assistant.Bot.Channel.Storage.Journal;
using Assistant.Bot.Hosting;
using Assistant.Bot.Intake;
using Assistant.Ticketing.Storage;
using LiteDB;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Channel.Storage;

/// <summary>
/// The one long-lived LiteDB file of what a turn writes, <c>&lt;DataDirectory&gt;/conversations.db</c>: conversations,
/// their activity log, and each conversation's dialog state, so that a turn's replies and state are one commit. A turn's
/// write goes to <see cref="Journal"/>, which makes it durable with one append and copies it into this file in the
/// background, many turns per transaction (through <see cref="Commits"/>, the file's group commit).
/// </summary>
public sealed class ConversationDatabase : IDisposable
{
    /// <summary>2: activities found by the range of their id (no secondary indexes), dialog states moved here from assistant.db.</summary>
    public const int CurrentUserVersion = 2;

    /// <summary>Log pages (8 KiB each) after which LiteDB copies the log into the data file.</summary>
    public const int CheckpointPages = 1000;

    /// <summary>How often the journal's writes are copied into the file.</summary>
    public static readonly TimeSpan JournalApplyInterval = TimeSpan.FromSeconds(1);

    private readonly LiteDbFile _file;
    private readonly LiteDatabase _database;

    public ConversationDatabase(IOptions<AssistantOptions> options, ILoggerFactory loggers)
    {
        DataDirectory = Path.GetFullPath(options.Value.DataDirectory);
        Directory.CreateDirectory(DataDirectory);
        _file = new LiteDbFile(Path.Combine(DataDirectory, "conversations.db"));
        _database = _file.Database;
        _database.UtcDate = true;
        // A checkpoint copies the log's pages into the data file while every writer of the file waits. Every 64 MB of log
        // it held the turns up for long enough to be the paced load's p99; every 8 MB (LiteDB's default) the pauses are
        // short, and the disk written per turn is the same (measured with the load generator, README "Speed").
        _database.Pragma("CHECKPOINT", CheckpointPages);
        PreviousUserVersion = _database.UserVersion;
        Conversations = _database.GetCollection<ConversationRecord>("conversations");
        Activities = _database.GetCollection<ActivityRecord>("activities");
        Attachments = _database.GetCollection<AttachmentRecord>("attachments");
        Dialogs = _database.GetCollection<IntakeState>("dialogs");
        Conversations.EnsureIndex(c => c.UserId);
        Attachments.EnsureIndex(a => a.ConversationId);
        if (PreviousUserVersion < 2)
        {
            // Every read of the log is a range of ids ("conversation|watermark"): the old secondary indexes only cost
            // writes. The dialog states arrive from assistant.db (see DialogStateMigration).
            Activities.DropIndex("ConversationId");
            Activities.DropIndex("Watermark");
        }

        LiteDbCollections.Ensure(_database, "conversations", "activities", "attachments", "dialogs");
        _database.UserVersion = CurrentUserVersion;
        Commits = new CommitQueue(_file, "conversations.db", loggers.CreateLogger<CommitQueue>());
        try
        {
            Journal = new ConversationJournal(_database, Commits, DataDirectory, loggers.CreateLogger<ConversationJournal>(), JournalApplyInterval);
        }
        catch
        {
            Commits.Dispose();
            _file.Dispose();
            throw;
        }
    }

    public string DataDirectory { get; }

    /// <summary>The file's version before this start: a migration runs once, for files older than it needs.</summary>
    public int PreviousUserVersion { get; }

    public ILiteCollection<ConversationRecord> Conversations { get; }

    /// <summary>Keyed <c>conversationId|watermark</c> (seven digits): one conversation's log is a contiguous range of ids.</summary>
    public ILiteCollection<ActivityRecord> Activities { get; }

    public ILiteCollection<AttachmentRecord> Attachments { get; }

    /// <summary>The intake dialog's state per conversation (the conversation id is the key).</summary>
    public ILiteCollection<IntakeState> Dialogs { get; }

    public CommitQueue Commits { get; }

    /// <summary>Where a turn's writes are durable first; see <see cref="ConversationJournal"/>.</summary>
    public ConversationJournal Journal { get; }

    /// <summary>Blocks until everything written so far is in the file itself, for the reads that go to it directly (see <see cref="ConversationJournal.SettleAsync"/>).</summary>
    public void Settle() => Journal.Settle();

    /// <summary>How documents of this file are mapped to objects and back.</summary>
    public BsonMapper Mapper => _database.Mapper;

    /// <summary>The dialog states last committed, for the turns' reads.</summary>
    public SavedDialogs SavedDialogs { get; } = new();

    /// <summary>For readiness: a cheap read that fails if the file is unusable.</summary>
    public bool CanRead()
    {
        _ = Conversations.Count();
        return true;
    }

    /// <summary>A consistent copy of the file while it stays open (a backup); see <see cref="LiteDbSnapshot"/>.</summary>
    public void SnapshotTo(string destinationFile)
    {
        Settle();
        LiteDbSnapshot.Write(_database, destinationFile);
    }

    public void Dispose()
    {
        Journal.Dispose();
        Commits.Dispose();
        _file.Dispose();
    }
}
