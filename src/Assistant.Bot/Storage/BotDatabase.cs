using Assistant.Bot.Hosting;
using Assistant.Ticketing.Storage;
using LiteDB;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Storage;

/// <summary>
/// The host's own LiteDB file (<c>assistant.db</c>): dialog state and user profiles. One long-lived
/// instance per file, as LiteDB wants; collections and indexes are ensured once at start.
/// </summary>
public sealed class BotDatabase : IDisposable
{
    public const int SchemaVersion = 1;

    public BotDatabase(IOptions<AssistantOptions> options, ILogger<CommitQueue> logger)
    {
        var directory = Path.GetFullPath(options.Value.DataDirectory);
        Directory.CreateDirectory(directory);
        _file = new LiteDbFile(Path.Combine(directory, "assistant.db"));
        Database = _file.Database;
        Database.Pragma("CHECKPOINT", Channel.Storage.ConversationDatabase.CheckpointPages);
        if (Database.UserVersion == 0)
        {
            Database.UserVersion = SchemaVersion;
        }

        LiteDbCollections.Ensure(Database, "contacts", "handoffs");
        Commits = new CommitQueue(_file, "assistant.db", logger);
    }

    private readonly LiteDbFile _file;

    public LiteDatabase Database { get; }

    /// <summary>Group commit for what turns write here (the contact details remembered with a ticket).</summary>
    public CommitQueue Commits { get; }

    public void Dispose()
    {
        Commits.Dispose();
        _file.Dispose();
    }
}
