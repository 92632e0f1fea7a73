using Assistant.Bot.Hosting;
using LiteDB;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Channel.Storage;

/// <summary>The one long-lived LiteDB file of the channel, <c>&lt;DataDirectory&gt;/conversations.db</c>.</summary>
public sealed class ConversationDatabase : IDisposable
{
    private const int CurrentUserVersion = 1;

    private readonly LiteDatabase _database;

    public ConversationDatabase(IOptions<AssistantOptions> options)
    {
        DataDirectory = Path.GetFullPath(options.Value.DataDirectory);
        Directory.CreateDirectory(DataDirectory);
        _database = new LiteDatabase(new ConnectionString
        {
            Filename = Path.Combine(DataDirectory, "conversations.db"),
            Connection = ConnectionType.Direct,
        })
        {
            UtcDate = true,
        };
        if (_database.UserVersion == 0)
        {
            _database.UserVersion = CurrentUserVersion;
        }

        Conversations = _database.GetCollection<ConversationRecord>("conversations");
        Activities = _database.GetCollection<ActivityRecord>("activities");
        Attachments = _database.GetCollection<AttachmentRecord>("attachments");
        Conversations.EnsureIndex(c => c.UserId);
        Activities.EnsureIndex(a => a.ConversationId);
        Activities.EnsureIndex(a => a.Watermark);
        Attachments.EnsureIndex(a => a.ConversationId);
    }

    public string DataDirectory { get; }

    public ILiteCollection<ConversationRecord> Conversations { get; }

    public ILiteCollection<ActivityRecord> Activities { get; }

    public ILiteCollection<AttachmentRecord> Attachments { get; }

    /// <summary>For readiness: a cheap read that fails if the file is unusable.</summary>
    public bool CanRead()
    {
        _ = Conversations.Count();
        return true;
    }

    public void Dispose() => _database.Dispose();
}
