using Assistant.Ticketing.Consents;
using Assistant.Ticketing.Customers;
using Assistant.Ticketing.Mail;
using Assistant.Ticketing.Staff;

namespace Assistant.Ticketing.Tests.Support;

/// <summary>
/// The data one store test runs on, for one storage provider: the contract test classes take one, so every case runs
/// on LiteDB (<see cref="LiteDbTestStorage"/>) and on PostgreSQL (<see cref="PostgresTestStorage"/>).
/// </summary>
public abstract class TestStorage : IDisposable
{
    public abstract IStaffStore StaffStore(TimeProvider time);

    public abstract ICustomerStore CustomerStore();

    public abstract IConsentStore ConsentStore(TimeProvider time);

    public abstract IMailOutbox MailOutbox();

    public abstract IMailAddressBook MailAddressBook();

    /// <summary>Closes what was opened and opens the same data again, as a restarted process does; stores made before are not used again.</summary>
    public abstract void Reopen();

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);
}
