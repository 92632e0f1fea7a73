using Assistant.Ticketing.Consents;
using Assistant.Ticketing.Customers;
using Assistant.Ticketing.Mail;
using Assistant.Ticketing.Staff;
using Assistant.Ticketing.Storage;

namespace Assistant.Ticketing.Tests.Support;

/// <summary>Fresh <c>tickets.db</c> and <c>mail.db</c> files in a temporary folder.</summary>
public sealed class LiteDbTestStorage : TestStorage
{
    private readonly TempDirectory _directory = new();
    private TicketingDatabase? _tickets;
    private MailDatabase? _mail;

    private TicketingDatabase Tickets => _tickets ??= new TicketingDatabase(_directory.DatabasePath);

    private MailDatabase Mail => _mail ??= new MailDatabase(_directory.Path);

    public override IStaffStore StaffStore(TimeProvider time) => new LiteDbStaffStore(Tickets, time);

    public override ICustomerStore CustomerStore() => new LiteDbCustomerStore(Tickets);

    public override IConsentStore ConsentStore(TimeProvider time) => new LiteDbConsentStore(Tickets, time);

    public override IMailOutbox MailOutbox() => new LiteDbMailOutbox(Mail);

    public override IMailAddressBook MailAddressBook() => new LiteDbMailAddressBook(Mail);

    public override void Reopen() => Close();

    protected override void Dispose(bool disposing)
    {
        Close();
        _directory.Dispose();
    }

    private void Close()
    {
        _tickets?.Dispose();
        _mail?.Dispose();
        _tickets = null;
        _mail = null;
    }
}
