using Assistant.Ticketing.Storage;
using Assistant.Ticketing.Tests.Support;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Ticketing.Tests.Storage;

/// <summary>LiteDB flushes its log after each page; a group commit flushes it once per transaction, and nothing is lost.</summary>
public sealed class GroupCommitFlushTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string FilePath => Path.Combine(_directory.Path, "group.db");

    [Fact]
    public async Task A_transaction_of_many_pages_reaches_the_disk_with_one_flushAsync()
    {
        using var file = new LiteDbFile(FilePath);
        using var commits = new CommitQueue(file, "group.db", NullLogger.Instance);
        await commits.WriteAsync(db => db.GetCollection("items").Insert(Item("warm-up", 100)));
        var before = file.Log.FlushesToDisk;

        // About forty pages of 8 KiB: LiteDB alone would flush after each.
        await commits.WriteAsync(db => db.GetCollection("items").Insert(Enumerable.Range(0, 40).Select(i => Item($"big-{i}", 7000))));

        Assert.Equal(1, file.Log.FlushesToDisk - before);
    }

    [Fact]
    public async Task A_write_outside_the_group_commit_is_still_flushed_by_LiteDBAsync()
    {
        using var file = new LiteDbFile(FilePath);
        using var commits = new CommitQueue(file, "group.db", NullLogger.Instance);
        await commits.WriteAsync(db => db.GetCollection("items").Insert(Item("warm-up", 100)));
        var before = file.Log.FlushesToDisk;

        file.Database.GetCollection("items").Insert(Item("direct", 100));

        // LiteDB's own writer thread flushes after the insert has returned: wait for it, not for a fixed time.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (file.Log.FlushesToDisk == before && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(10);
        }

        Assert.True(file.Log.FlushesToDisk > before, "a write of its own was not flushed to disk within 10 s");
    }

    [Fact]
    public async Task A_checkpoint_flushes_the_data_file_to_disk_before_the_log_is_emptiedAsync()
    {
        using var file = new LiteDbFile(FilePath);
        using var commits = new CommitQueue(file, "group.db", NullLogger.Instance);
        await commits.WriteAsync(db => db.GetCollection("items").Insert(Enumerable.Range(0, 20).Select(i => Item($"page-{i}", 7000))));
        var before = file.Data.FlushesToDisk;

        file.Database.Checkpoint();

        Assert.True(file.Data.FlushesToDisk > before, "the checkpoint's pages were not flushed to disk");
        Assert.Equal(0, new FileInfo(Path.Combine(_directory.Path, "group-log.db")).Length);
    }

    [Fact]
    public async Task What_a_group_commit_wrote_is_read_back_by_LiteDB_itself_after_reopeningAsync()
    {
        using (var file = new LiteDbFile(FilePath))
        using (var commits = new CommitQueue(file, "group.db", NullLogger.Instance))
        {
            var writes = Enumerable.Range(0, 200)
                .Select(i => commits.WriteAsync(db => db.GetCollection("items").Insert(Item($"item-{i:D3}", 500))))
                .ToList();
            await Task.WhenAll(writes);
        }

        // The files are LiteDB's own: its file mode opens them (backups and the command line use it).
        using var reopened = new LiteDatabase(new ConnectionString { Filename = FilePath, Connection = ConnectionType.Direct });
        var ids = reopened.GetCollection("items").FindAll().Select(d => d["_id"].AsString).ToList();
        Assert.Equal(200, ids.Count);
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"item-{i:D3}"), ids.Order(StringComparer.Ordinal));
    }

    private static BsonDocument Item(string id, int size) => new() { ["_id"] = id, ["text"] = new string('x', size) };
}
