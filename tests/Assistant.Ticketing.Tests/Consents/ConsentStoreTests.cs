using Assistant.Ticketing.Consents;
using Assistant.Ticketing.Storage;
using Assistant.Ticketing.Tests.Support;

namespace Assistant.Ticketing.Tests.Consents;

public sealed class ConsentStoreTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void The_latest_answer_for_the_version_is_returned_and_survives_a_reopen()
    {
        using (var database = new TicketingDatabase(_directory.DatabasePath))
        {
            var store = new LiteDbConsentStore(database, _clock);
            store.Record("digisense", "user-1", "2026-01", accepted: false);
            _clock.Advance(TimeSpan.FromMinutes(1));
            store.Record("digisense", "user-1", "2026-01", accepted: true);
            store.Record("icosnet", "user-1", "2026-01", accepted: false);
        }

        using var reopened = new TicketingDatabase(_directory.DatabasePath);
        var consents = new LiteDbConsentStore(reopened, _clock);

        var latest = consents.Latest("digisense", "user-1", "2026-01");
        Assert.NotNull(latest);
        Assert.True(latest.Accepted);
        Assert.Equal(_clock.Now, latest.At);
        Assert.False(consents.Latest("icosnet", "user-1", "2026-01")!.Accepted);
        Assert.Null(consents.Latest("digisense", "user-1", "2026-07"));
        Assert.Null(consents.Latest("digisense", "user-2", "2026-01"));
        Assert.Equal(3, consents.ListByUser("user-1").Count);
    }

    [Fact]
    public void The_remembered_answer_follows_new_answers_and_erasure()
    {
        using var database = new TicketingDatabase(_directory.DatabasePath);
        var store = new LiteDbConsentStore(database, _clock);
        Assert.Null(store.Latest("digisense", "user-1", "2026-01")); // asked once: "never answered" is remembered too

        store.Record("digisense", "user-1", "2026-01", accepted: true);
        Assert.True(store.Latest("digisense", "user-1", "2026-01")!.Accepted);

        store.Record("digisense", "user-1", "2026-01", accepted: false);
        Assert.False(store.Latest("digisense", "user-1", "2026-01")!.Accepted);

        store.Record("digisense", "user-2", "2026-01", accepted: true);
        Assert.Equal(2, store.DeleteByUser("user-1"));
        Assert.Null(store.Latest("digisense", "user-1", "2026-01"));
        Assert.True(store.Latest("digisense", "user-2", "2026-01")!.Accepted);
        Assert.Equal(store.Latest("digisense", "user-2", "2026-01")!.Id, new LiteDbConsentStore(database, _clock).Latest("digisense", "user-2", "2026-01")!.Id);
    }
}
