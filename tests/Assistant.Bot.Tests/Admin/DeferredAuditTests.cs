using Assistant.Bot.Admin;
using Assistant.Bot.Admin.Audit;
using Assistant.Bot.Tests.Storage;
using Assistant.Moderation;
using Assistant.Moderation.Analysis;
using Assistant.Moderation.Thresholds;
using Assistant.Ticketing.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Bot.Tests.Admin;

/// <summary>
/// A moderation decision that lets a message through is written with the others of its second, not with its turn; a
/// search still finds it at once, and a stop writes what is left. A refusal or a strike is in the file when the turn's
/// wait for it ends.
/// </summary>
public sealed class DeferredAuditTests : IDisposable
{
    private readonly TempDataDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_decision_that_lets_a_message_through_waits_for_the_next_write_and_a_search_or_a_stop_writes_itAsync()
    {
        var options = _data.Options;
        using (var database = new AdminDatabase(options, NullLogger<CommitQueue>.Instance))
        using (var deferred = new DeferredAuditEntries(database, NullLogger<DeferredAuditEntries>.Instance, Timeout.InfiniteTimeSpan))
        {
            var audit = new AuditLog(database, deferred, TimeProvider.System, NullLogger<AuditLog>.Instance);
            await audit.RecordModerationAsync("digisense", "user-1", "conv-1", "conv-1|0000001", Ok, answeredByModeration: false);
            Assert.Equal(0, database.Audit.Count());
            Assert.Equal(1, deferred.Count);

            await audit.RecordModerationAsync("digisense", "user-2", "conv-2", "conv-2|0000001", Strike, answeredByModeration: true);
            Assert.Equal("moderation.abusive", Assert.Single(database.Audit.FindAll()).Action);

            Assert.Equal(["moderation.abusive", "moderation.ok"], audit.Search(new AuditQuery(Action: "moderation")).Select(e => e.Action).Order());
            Assert.Equal(0, deferred.Count);
            Assert.Equal(2, database.Audit.Count());

            await audit.RecordModerationAsync("digisense", "user-3", "conv-3", "conv-3|0000001", Ok, answeredByModeration: false);
        }

        using (var database = new AdminDatabase(options, NullLogger<CommitQueue>.Instance))
        {
            Assert.Equal(3, database.Audit.Count());
        }
    }

    private static ModerationVerdict Ok => new(Labels.Ok, new ModerationScores(0.02f, 0.01f), ModerationActions.Allow, "model");

    private static ModerationVerdict Strike => new(Labels.Abusive, new ModerationScores(0.99f, 0.01f), ModerationActions.Refuse, "rule:threat", Strike: true);
}
