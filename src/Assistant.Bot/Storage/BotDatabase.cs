using Assistant.Bot.Hosting;
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

    public BotDatabase(IOptions<AssistantOptions> options)
    {
        var directory = Path.GetFullPath(options.Value.DataDirectory);
        Directory.CreateDirectory(directory);
        Database = new LiteDatabase(new ConnectionString
        {
            Filename = Path.Combine(directory, "assistant.db"),
            Connection = ConnectionType.Direct,
        });
        if (Database.UserVersion == 0)
        {
            Database.UserVersion = SchemaVersion;
        }
        Database.GetCollection("dialogs").EnsureIndex("UserId");
    }

    public LiteDatabase Database { get; }

    public void Dispose() => Database.Dispose();
}
