using Assistant.Bot.Admin.Audit;
using Assistant.Bot.Admin.Settings;
using Assistant.Bot.Admin.Templates;
using Assistant.Bot.Admin.Users;
using Assistant.Bot.Hosting;
using Assistant.Bot.Moderation;
using Assistant.Ticketing.Storage;
using LiteDB;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Admin;

/// <summary>
/// The admin console's LiteDB file (<c>&lt;DataDirectory&gt;/admin.db</c>): the audit log, the saved
/// versions of reply templates, the relabelled messages, and the LLM settings and retention saved from the console. One long-lived instance; collections and indexes are ensured at start.
/// </summary>
public sealed class AdminDatabase : IDisposable
{
    public const int SchemaVersion = 1;

    private readonly LiteDbFile _file;
    private readonly LiteDatabase _database;

    public AdminDatabase(IOptions<AssistantOptions> options, ILogger<CommitQueue> logger)
    {
        var directory = Path.GetFullPath(options.Value.DataDirectory);
        Directory.CreateDirectory(directory);
        _file = new LiteDbFile(Path.Combine(directory, "admin.db"));
        _database = _file.Database;
        _database.UtcDate = true;
        _database.Pragma("CHECKPOINT", Channel.Storage.ConversationDatabase.CheckpointPages);
        if (_database.UserVersion == 0)
        {
            _database.UserVersion = SchemaVersion;
        }

        Audit = _database.GetCollection<AuditEntry>("audit");
        Audit.EnsureIndex(e => e.At);
        // Every user message adds an entry: each index is one more tree to update in the turn's commit. Searches read
        // the date index and filter the rest as they stream, so the old index on the action is dropped.
        Audit.DropIndex("Action");
        Audit.EnsureIndex(e => e.Moderation!.ActivityId);
        TemplateVersions = _database.GetCollection<TemplateVersion>("template_versions");
        TemplateVersions.EnsureIndex(v => v.Template);
        Relabels = _database.GetCollection<Relabel>("relabels");
        Relabels.EnsureIndex(r => r.ActivityId, unique: true);
        Relabels.EnsureIndex(r => r.UserId);
        LlmSettings = _database.GetCollection<SavedLlmSettings>("llm_settings");
        Retention = _database.GetCollection<SavedRetention>("retention");
        LiteDbCollections.Ensure(_database, "audit", "template_versions", "relabels", "llm_settings", "retention");
        Commits = new CommitQueue(_file, "admin.db", logger);
    }

    public ILiteCollection<AuditEntry> Audit { get; }

    public ILiteCollection<TemplateVersion> TemplateVersions { get; }

    /// <summary>Messages the team marked as wrongly moderated, with the right label: added to the next retraining.</summary>
    public ILiteCollection<Relabel> Relabels { get; }

    /// <summary>At most one document: the LLM endpoint an admin saved, its key encrypted.</summary>
    public ILiteCollection<SavedLlmSettings> LlmSettings { get; }

    /// <summary>At most one document: the conversation retention an admin saved.</summary>
    public ILiteCollection<SavedRetention> Retention { get; }

    /// <summary>Group commit for the writes of every turn (the moderation decisions of the audit log).</summary>
    public CommitQueue Commits { get; private set; } = null!;

    /// <summary>A consistent copy of the file while it stays open (a backup); see <see cref="LiteDbSnapshot"/>.</summary>
    public void SnapshotTo(string destinationFile) => LiteDbSnapshot.Write(_database, destinationFile);

    public void Dispose()
    {
        Commits.Dispose();
        _file.Dispose();
    }
}
