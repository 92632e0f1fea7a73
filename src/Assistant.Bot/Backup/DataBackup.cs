using System.IO.Compression;
using System.Text.Json;
using Assistant.Bot.Admin;
using Assistant.Bot.Admin.Audit;
using Assistant.Bot.BotFramework;
using Assistant.Bot.Channel.Storage;
using Assistant.Bot.Channel.Storage.Journal;
using Assistant.Bot.Hosting;
using Assistant.Bot.SelfService;
using Assistant.Bot.Storage;
using Assistant.Moderation.Storage;
using Assistant.Ticketing.Mail;
using Assistant.Ticketing.Storage;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Backup;

/// <summary>What <c>backup.json</c> at the root of a backup says; <c>Assistant.Cli restore</c> refuses a folder without it.</summary>
public sealed record BackupManifest(int Format, DateTimeOffset CreatedAt, IReadOnlyList<string> Databases, IReadOnlyList<string> Files);

/// <summary>
/// A backup of the data directory while the service runs: each LiteDB file copied consistently while it stays open
/// (<see cref="LiteDbSnapshot"/>), then the other files (signing keys, data-protection keys, attachments, models),
/// without the logs, zipped. Everything acknowledged before the backup began is in it.
/// </summary>
public sealed partial class DataBackup(IServiceProvider services, IOptions<AssistantOptions> options, TimeProvider time, ILogger<DataBackup> logger)
{
    public const int Format = 1;
    public const string ManifestName = "backup.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    // One at a time: two would only wait for each other's locks.
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Makes the backup as a zip file in the temporary folder and returns it open; the file goes when the stream is closed.</summary>
    public async Task<Stream> CreateAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "assistant-backup-" + Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            // LiteDB transactions belong to their thread: each snapshot runs start to end on this one, without awaits.
            var manifest = await Task.Run(() => WriteFolder(folder), cancellationToken);
            var zip = folder + ".zip";
            ZipFile.CreateFromDirectory(folder, zip, CompressionLevel.Fastest, includeBaseDirectory: false);
            LogBackupMade(logger, manifest.Databases.Count, manifest.Files.Count, new FileInfo(zip).Length);
            return new FileStream(zip, FileMode.Open, FileAccess.Read, FileShare.Delete, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
            _gate.Release();
        }
    }

    private BackupManifest WriteFolder(string folder)
    {
        var createdAt = time.GetUtcNow();
        var databases = Databases();
        foreach (var (name, snapshot) in databases)
        {
            snapshot(Path.Combine(folder, name));
        }

        // After the databases: an attachment a stored activity points at was written before its activity.
        var dataDirectory = Path.GetFullPath(options.Value.DataDirectory);
        var files = new List<string>();
        foreach (var path in Directory.EnumerateFiles(dataDirectory, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(dataDirectory, path);
            if (IsLeftOut(relative, databases.Keys) || !TryCopy(path, Path.Combine(folder, relative)))
            {
                continue;
            }

            files.Add(relative.Replace(Path.DirectorySeparatorChar, '/'));
        }

        var manifest = new BackupManifest(Format, createdAt, [.. databases.Keys], files);
        File.WriteAllText(Path.Combine(folder, ManifestName), JsonSerializer.Serialize(manifest, Json));
        return manifest;
    }

    /// <summary>Every LiteDB file of the data directory, by its file name.</summary>
    private Dictionary<string, Action<string>> Databases() => new(StringComparer.Ordinal)
    {
        ["conversations.db"] = services.GetRequiredService<ConversationDatabase>().SnapshotTo,
        ["assistant.db"] = file =>
        {
            services.GetRequiredService<SelfServiceLog>().Settle();
            LiteDbSnapshot.Write(services.GetRequiredService<BotDatabase>().Database, file);
        },
        ["admin.db"] = file =>
        {
            services.GetRequiredService<DeferredAuditEntries>().Settle();
            services.GetRequiredService<AdminDatabase>().SnapshotTo(file);
        },
        ["botframework.db"] = services.GetRequiredService<ChannelReferences>().SnapshotTo,
        ["tickets.db"] = services.GetRequiredService<TicketingDatabase>().SnapshotTo,
        ["mail.db"] = services.GetRequiredService<MailDatabase>().SnapshotTo,
        ["moderation.db"] = file => LiteDbSnapshot.Write(services.GetRequiredService<ModerationDatabase>().Database, file),
    };

    /// <summary>
    /// The databases (copied above, with their logs), the service's own logs, and the conversation journal: its snapshot
    /// settled it first, so <c>conversations.db</c> holds every write acknowledged before the backup began.
    /// </summary>
    private static bool IsLeftOut(string relative, IEnumerable<string> databases) =>
        databases.Contains(relative) || databases.Any(d => relative == Path.GetFileNameWithoutExtension(d) + "-log.db")
        || relative.StartsWith("logs" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
        || relative.StartsWith(JournalSegments.Folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>Copies a file another thread may be writing or deleting (an erasure): a file gone meanwhile is left out.</summary>
    private static bool TryCopy(string source, string destination)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        try
        {
            using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var output = File.Create(destination);
            input.CopyTo(output);
            return true;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        catch (DirectoryNotFoundException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup made: {Databases} databases, {Files} other files, {Bytes} bytes zipped")]
    private static partial void LogBackupMade(ILogger logger, int databases, int files, long bytes);
}
