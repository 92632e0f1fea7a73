using Assistant.Bot.Channel.Activities;
using Assistant.Bot.Channel.Storage;
using Assistant.Bot.Channel.Storage.Journal;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Bot.Tests.Storage;

/// <summary>
/// The conversation log's journal: a write is readable as soon as it is acknowledged, one fsync serves the writes that
/// arrive together, and what a killed process left in the journal is in <c>conversations.db</c> after the restart,
/// without the cut-off write it was appending, and with no journal file left behind.
/// </summary>
public sealed class ConversationJournalTests : IDisposable
{
    private readonly TempDataDirectory _data = new();

    private string JournalFolder => Path.Combine(_data.Path, JournalSegments.Folder);

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task An_acknowledged_write_is_read_back_at_once_and_settling_moves_it_into_the_file_and_out_of_the_journalAsync()
    {
        using var database = Open();
        var log = new ConversationStore(database, TimeProvider.System);
        Assert.True(await log.TryCreateAsync("conv-1", "user-1", "digisense", "fr-FR"));
        await log.AppendAsync("conv-1", [Message("un"), Message("deux")], state: null, _ => { });
        await log.AppendAsync("conv-1", Message("trois"), _ => { });

        Assert.Equal([1L, 2, 3], log.ReadAfter("conv-1", 0).Select(a => a.Watermark));
        Assert.Equal([3L], log.ReadAfter("conv-1", 2).Select(a => a.Watermark));
        Assert.NotNull(log.FindLatest("user-1", "digisense"));

        await database.Journal.SettleAsync();
        Assert.Equal(3, database.Activities.Count());
        Assert.NotNull(database.Conversations.FindById("conv-1"));
        Assert.Equal(0, database.Journal.Pending.Count);
        Assert.All(JournalSegments.List(JournalFolder), path => Assert.Equal(0, new FileInfo(path).Length));
        Assert.Equal([1L, 2, 3], log.ReadAll("conv-1").Select(a => a.Watermark));
    }

    [Fact]
    public async Task Writes_that_arrive_together_share_one_fsyncAsync()
    {
        using var database = Open();
        var log = new ConversationStore(database, TimeProvider.System);
        var conversations = Enumerable.Range(0, 30).Select(i => $"conv-{i}").ToList();
        foreach (var id in conversations)
        {
            Assert.True(await log.TryCreateAsync(id, "user-" + id, "digisense", "fr-FR"));
        }

        var before = database.Journal.Flushes;
        var writes = conversations.SelectMany(id => Enumerable.Range(0, 10).Select(n => (id, n))).ToList();
        await Task.WhenAll(writes.Select(w => log.AppendAsync(w.id, Message("message " + w.n), _ => { })));

        var flushes = database.Journal.Flushes - before;
        Assert.InRange(flushes, 1, writes.Count / 3);
        foreach (var id in conversations)
        {
            Assert.Equal(Enumerable.Range(1, 10).Select(n => (long)n), log.ReadAll(id).Select(a => a.Watermark));
        }
    }

    [Fact]
    public async Task What_a_killed_process_left_in_the_journal_is_copied_at_start_without_the_write_it_was_cutting_offAsync()
    {
        // What a process killed mid-append leaves: a segment holding a conversation, two turns, and half of a third write.
        var mapper = new BsonMapper();
        var frames = new List<byte>();
        var record = new ConversationRecord { Id = "conv-1", UserId = "user-1", OperatorId = "digisense", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
        JournalSegments.Frame(frames, new JournalEntry { Sequence = 1, ConversationId = "conv-1", Conversation = record }.Encode(mapper));
        JournalSegments.Frame(frames, new JournalEntry { Sequence = 2, ConversationId = "conv-1", Activities = [Row(1, "un")] }.Encode(mapper));
        JournalSegments.Frame(frames, new JournalEntry { Sequence = 3, ConversationId = "conv-1", Activities = [Row(2, "deux")] }.Encode(mapper));
        var cut = new List<byte>();
        JournalSegments.Frame(cut, new JournalEntry { Sequence = 4, ConversationId = "conv-1", Activities = [Row(3, "trois")] }.Encode(mapper));
        Directory.CreateDirectory(JournalFolder);
        var left = JournalSegments.PathOf(JournalFolder, 1);
        await File.WriteAllBytesAsync(left, [.. frames, .. cut.Take(cut.Count - 5)]);

        using (var database = Open())
        {
            var log = new ConversationStore(database, TimeProvider.System);
            Assert.False(File.Exists(left));
            Assert.Equal(0, database.Journal.Pending.Count);
            Assert.Equal([1L, 2], database.Activities.FindAll().Select(a => a.Watermark).Order());
            Assert.NotNull(log.Find("conv-1"));

            // The log goes on after the last write that was whole, in a new segment after the journal's last sequence.
            var next = await log.AppendAsync("conv-1", Message("encore"), _ => { });
            Assert.Equal(3, next.Watermark);
            Assert.True(File.Exists(JournalSegments.PathOf(JournalFolder, 4)));
        }

        // A clean stop copied everything: nothing is replayed twice and the journal holds nothing.
        using (var database = Open())
        {
            Assert.Equal([1L, 2, 3], new ConversationStore(database, TimeProvider.System).ReadAll("conv-1").Select(a => a.Watermark));
            Assert.All(JournalSegments.List(JournalFolder), path => Assert.Equal(0, new FileInfo(path).Length));
        }
    }

    [Fact]
    public async Task A_segment_whose_writes_the_file_already_has_is_not_applied_againAsync()
    {
        using (var database = Open())
        {
            var log = new ConversationStore(database, TimeProvider.System);
            Assert.True(await log.TryCreateAsync("conv-1", "user-1", "digisense", null));
            await log.AppendAsync("conv-1", Message("un"), _ => { });
        }

        // A crash between the file's commit and the segment's deletion leaves a segment of writes already copied;
        // one of them is older than what the file holds and must not bring the earlier text back.
        var mapper = new BsonMapper();
        var frames = new List<byte>();
        JournalSegments.Frame(frames, new JournalEntry { Sequence = 2, ConversationId = "conv-1", Activities = [Row(1, "ancien")] }.Encode(mapper));
        await File.WriteAllBytesAsync(JournalSegments.PathOf(JournalFolder, 2), [.. frames]);

        using (var database = Open())
        {
            var activity = Assert.Single(database.Activities.FindAll());
            Assert.Contains("\"un\"", activity.Json, StringComparison.Ordinal);
            Assert.All(JournalSegments.List(JournalFolder), path => Assert.Equal(0, new FileInfo(path).Length));
        }
    }

    [Fact]
    public async Task A_copy_into_the_file_that_fails_is_tried_again_and_the_acknowledged_write_winsAsync()
    {
        using var database = Open();
        var log = new ConversationStore(database, TimeProvider.System);
        Assert.True(await log.TryCreateAsync("conv-1", "user-1", "digisense", null));

        // A row the file should not have, under the id the next write takes: the copy's insert fails on it (a duplicate
        // key), as it would on a disk error; the copy logs it, waits and tries again as an overwrite.
        database.Activities.Insert(Row(1, "planté"));
        await log.AppendAsync("conv-1", Message("un"), _ => { });
        await database.Journal.SettleAsync();

        var activity = Assert.Single(database.Activities.FindAll());
        Assert.Contains("\"un\"", activity.Json, StringComparison.Ordinal);
        Assert.Equal(0, database.Journal.Pending.Count);
        Assert.Contains("\"un\"", Assert.Single(log.ReadAll("conv-1")).Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_conversation_while_its_write_is_being_appended_leaves_nothing_of_it_in_the_fileAsync()
    {
        using var database = Open();
        var log = new ConversationStore(database, TimeProvider.System);
        Assert.True(await log.TryCreateAsync("conv-1", "user-1", "digisense", null));
        await database.Journal.SettleAsync();

        // The write is queued, not yet durable, so not pending either; the deletion must still wait for it.
        var appended = log.AppendAsync("conv-1", Message("effacez-moi"), _ => { });
        Assert.True(database.Journal.Writing("conv-1") || database.Journal.Pending.Holds("conv-1"));
        log.Delete("conv-1");
        await appended;
        await database.Journal.SettleAsync();

        Assert.Empty(database.Activities.FindAll());
        Assert.Null(database.Conversations.FindById("conv-1"));
        Assert.False(database.Journal.Writing("conv-1"));
    }

    private ConversationDatabase Open() =>
        new(_data.Options, NullLoggerFactory.Instance);

    private static Activity Message(string text) =>
        new() { Type = ActivityTypes.Message, Text = text, From = new ChannelAccount { Id = "user-1", Role = RoleTypes.User } };

    private static ActivityRecord Row(long watermark, string text) => new()
    {
        Id = $"conv-1|{watermark:D7}",
        ConversationId = "conv-1",
        Watermark = watermark,
        Type = "message",
        Timestamp = DateTime.UtcNow,
        Json = $$"""{"type":"message","text":"{{text}}"}""",
    };
}
