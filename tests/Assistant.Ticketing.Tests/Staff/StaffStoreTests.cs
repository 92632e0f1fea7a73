using Assistant.Ticketing.Staff;
using Assistant.Ticketing.Tests.Support;

namespace Assistant.Ticketing.Tests.Staff;

/// <summary>What every staff store does, run on each provider by the subclasses below.</summary>
public abstract class StaffStoreTests(TestStorage storage) : IDisposable
{
    protected TestStorage Storage { get; } = storage;

    protected IStaffStore Store { get; } = storage.StaffStore(TimeProvider.System);

    public void Dispose()
    {
        Storage.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void A_user_is_found_by_email_whatever_its_case()
    {
        var added = Store.Add(new StaffUser { Email = " Agent@Example.com ", DisplayName = "Agent", Role = StaffRoles.Agent, OperatorIds = ["Digisense"], PasswordHash = "h" });

        var found = Store.FindByEmail("AGENT@example.com");

        Assert.NotNull(found);
        Assert.Equal(added.Id, found.Id);
        Assert.Equal("agent@example.com", found.Email);
        Assert.Equal(["digisense"], found.OperatorIds);
        Assert.Equal(1, Store.Count());
    }

    [Fact]
    public void A_second_user_with_the_same_email_is_refused()
    {
        Store.Add(new StaffUser { Email = "a@example.com", Role = StaffRoles.Agent });

        Assert.Throws<DuplicateStaffEmailException>(() => Store.Add(new StaffUser { Email = "A@example.com", Role = StaffRoles.Admin }));
        Assert.Equal(1, Store.Count());
    }

    [Fact]
    public void An_unknown_role_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Store.Add(new StaffUser { Email = "a@example.com", Role = "root" }));
        Assert.Equal(0, Store.Count());
    }

    [Fact]
    public void Users_are_listed_by_email_and_an_update_is_kept_across_a_restart()
    {
        var created = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        Store.Add(new StaffUser { Email = "zoe@example.com", Role = StaffRoles.Agent });
        var bob = Store.Add(new StaffUser { Email = "bob@example.com", Role = StaffRoles.Agent, OperatorIds = ["digisense"], CreatedAt = created });
        Store.Add(new StaffUser { Email = "Alice@example.com", Role = StaffRoles.Admin });
        bob.Role = StaffRoles.Admin;
        bob.Disabled = true;
        bob.OperatorIds = ["digisense", "icosnet"];
        bob.PasswordHash = "new-hash";
        Store.Update(bob);

        Storage.Reopen();
        var reopened = Storage.StaffStore(TimeProvider.System);

        Assert.Equal(["alice@example.com", "bob@example.com", "zoe@example.com"], reopened.List().Select(s => s.Email));
        var found = reopened.Find(bob.Id)!;
        Assert.Equal((StaffRoles.Admin, true, "new-hash", created), (found.Role, found.Disabled, found.PasswordHash, found.CreatedAt));
        Assert.Equal(["digisense", "icosnet"], found.OperatorIds);
        Assert.Null(reopened.Find("no-such-id"));
        Assert.Null(reopened.FindByEmail("  "));
    }
}

public sealed class LiteDbStaffStoreTests() : StaffStoreTests(new LiteDbTestStorage());

public sealed class PostgresStaffStoreTests() : StaffStoreTests(new PostgresTestStorage())
{
    private PostgresTestStorage Postgres => (PostgresTestStorage)Storage;

    [Fact]
    public void Two_instances_on_the_same_database_see_each_other_s_users_at_once()
    {
        var other = new PostgresStaffStore(Postgres.OpenInstance(), TimeProvider.System);
        Assert.Null(other.FindByEmail("agent@example.com"));

        var added = Store.Add(new StaffUser { Email = "agent@example.com", Role = StaffRoles.Agent });
        Assert.Equal(added.Id, other.FindByEmail("Agent@example.com")?.Id);

        added.Disabled = true;
        Store.Update(added);
        Assert.True(other.Find(added.Id)!.Disabled);
    }

    [Fact]
    public async Task The_same_email_added_by_several_instances_at_once_is_added_once_and_refused_to_the_othersAsync()
    {
        var stores = Enumerable.Range(0, 6).Select(_ => new PostgresStaffStore(Postgres.OpenInstance(), TimeProvider.System)).ToList();
        using var start = new Barrier(stores.Count);

        var attempts = stores.Select((store, i) => Task.Run(() =>
        {
            start.SignalAndWait();
            try
            {
                store.Add(new StaffUser { Email = i % 2 == 0 ? "new@example.com" : "NEW@example.com ", Role = StaffRoles.Agent });
                return "added";
            }
            catch (DuplicateStaffEmailException)
            {
                return "refused";
            }
        }));
        var outcomes = await Task.WhenAll(attempts);

        Assert.Equal(1, outcomes.Count(o => o == "added"));
        Assert.Equal(stores.Count - 1, outcomes.Count(o => o == "refused"));
        Assert.Equal(1, Store.Count());
    }
}
