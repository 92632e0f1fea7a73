using Assistant.Ticketing.Consents;
using Assistant.Ticketing.Tests.Support;

namespace Assistant.Ticketing.Tests.Consents;

/// <summary>What every consent store does, run on each provider by the subclasses below.</summary>
public abstract class ConsentStoreTests(TestStorage storage) : IDisposable
{
    protected TestStorage Storage { get; } = storage;

    protected ManualClock Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        Storage.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void The_latest_answer_for_the_version_is_returned_and_survives_a_reopen()
    {
        var store = Storage.ConsentStore(Clock);
        store.Record("digisense", "user-1", "2026-01", accepted: false);
        Clock.Advance(TimeSpan.FromMinutes(1));
        store.Record("digisense", "user-1", "2026-01", accepted: true);
        store.Record("icosnet", "user-1", "2026-01", accepted: false);

        Storage.Reopen();
        var consents = Storage.ConsentStore(Clock);

        var latest = consents.Latest("digisense", "user-1", "2026-01");
        Assert.NotNull(latest);
        Assert.True(latest.Accepted);
        Assert.Equal(Clock.Now, latest.At);
        Assert.False(consents.Latest("icosnet", "user-1", "2026-01")!.Accepted);
        Assert.Null(consents.Latest("digisense", "user-1", "2026-07"));
        Assert.Null(consents.Latest("digisense", "user-2", "2026-01"));
        Assert.Equal([false, true, false], consents.ListByUser("user-1").Select(c => c.Accepted));
    }

    [Fact]
    public async Task The_latest_answer_follows_new_answers_and_erasureAsync()
    {
        var store = Storage.ConsentStore(Clock);
        Assert.Null(store.Latest("digisense", "user-1", "2026-01")); // asked once: "never answered" may be remembered, and must not stick

        store.Record("digisense", "user-1", "2026-01", accepted: true);
        Assert.True(store.Latest("Digisense", "user-1", "2026-01")!.Accepted);

        // Within the same instant: the later answer still wins.
        var refused = await store.RecordAsync("digisense", "user-1", "2026-01", accepted: false);
        Assert.Equal((refused.Id, false), (store.Latest("digisense", "user-1", "2026-01")!.Id, store.Latest("digisense", "user-1", "2026-01")!.Accepted));

        store.Record("digisense", "user-2", "2026-01", accepted: true);
        Assert.Equal(2, store.DeleteByUser("user-1"));
        Assert.Null(store.Latest("digisense", "user-1", "2026-01"));
        Assert.Empty(store.ListByUser("user-1"));
        Assert.True(store.Latest("digisense", "user-2", "2026-01")!.Accepted);
        Storage.Reopen();
        Assert.True(Storage.ConsentStore(Clock).Latest("digisense", "user-2", "2026-01")!.Accepted);
        Assert.Null(Storage.ConsentStore(Clock).Latest("digisense", "user-1", "2026-01"));
    }
}

public sealed class LiteDbConsentStoreTests() : ConsentStoreTests(new LiteDbTestStorage());

public sealed class PostgresConsentStoreTests() : ConsentStoreTests(new PostgresTestStorage())
{
    [Fact]
    public void An_answer_or_an_erasure_on_another_instance_is_seen_at_the_next_read()
    {
        var here = Storage.ConsentStore(Clock);
        var there = new PostgresConsentStore(((PostgresTestStorage)Storage).OpenInstance(), Clock);
        Assert.Null(here.Latest("digisense", "user-1", "2026-01"));

        there.Record("digisense", "user-1", "2026-01", accepted: true);
        Assert.True(here.Latest("digisense", "user-1", "2026-01")?.Accepted);

        there.Record("digisense", "user-1", "2026-01", accepted: false);
        Assert.False(here.Latest("digisense", "user-1", "2026-01")?.Accepted);

        there.DeleteByUser("user-1");
        Assert.Null(here.Latest("digisense", "user-1", "2026-01"));
    }
}
