using Assistant.Ticketing.Staff;
using Assistant.Ticketing.Storage;
using Assistant.Ticketing.Tests.Support;

namespace Assistant.Ticketing.Tests.Staff;

public sealed class StaffStoreTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly TicketingDatabase _database;
    private readonly LiteDbStaffStore _store;

    public StaffStoreTests()
    {
        _database = new TicketingDatabase(_directory.DatabasePath);
        _store = new LiteDbStaffStore(_database, TimeProvider.System);
    }

    public void Dispose()
    {
        _database.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public void A_user_is_found_by_email_whatever_its_case()
    {
        var added = _store.Add(new StaffUser { Email = " Agent@Example.com ", DisplayName = "Agent", Role = StaffRoles.Agent, OperatorIds = ["Digisense"], PasswordHash = "h" });

        var found = _store.FindByEmail("AGENT@example.com");

        Assert.NotNull(found);
        Assert.Equal(added.Id, found.Id);
        Assert.Equal("agent@example.com", found.Email);
        Assert.Equal(["digisense"], found.OperatorIds);
        Assert.Equal(1, _store.Count());
    }

    [Fact]
    public void A_second_user_with_the_same_email_is_refused()
    {
        _store.Add(new StaffUser { Email = "a@example.com", Role = StaffRoles.Agent });

        Assert.Throws<DuplicateStaffEmailException>(() => _store.Add(new StaffUser { Email = "A@example.com", Role = StaffRoles.Admin }));
        Assert.Equal(1, _store.Count());
    }

    [Fact]
    public void An_unknown_role_is_refused()
    {
        Assert.Throws<ArgumentException>(() => _store.Add(new StaffUser { Email = "a@example.com", Role = "root" }));
    }
}
