using Assistant.Ticketing.Consents;
using Assistant.Ticketing.Customers;
using Assistant.Ticketing.Mail;
using Assistant.Ticketing.Staff;
using Assistant.Ticketing.Storage.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Assistant.Ticketing.Tests.Support;

/// <summary>A fresh database on the test process's server, migrated as the host does at start.</summary>
public sealed class PostgresTestStorage : TestStorage
{
    private readonly PostgresTestDatabase _database = PostgresServer.CreateDatabase();
    private readonly List<NpgsqlDataSource> _opened = [];
    private NpgsqlDataSource _current;

    public PostgresTestStorage() => _current = OpenInstance();

    public string ConnectionString => _database.ConnectionString;

    /// <summary>The data source the stores of this storage use.</summary>
    public NpgsqlDataSource DataSource => _current;

    /// <summary>Another data source on the same database, as another instance of the service has (migrated again at its start).</summary>
    public NpgsqlDataSource OpenInstance()
    {
        var dataSource = PostgresSetup.CreateDataSource(_database.ConnectionString);
        _opened.Add(dataSource);
        PostgresMigrations.Apply(dataSource, NullLogger.Instance);
        return dataSource;
    }

    public override IStaffStore StaffStore(TimeProvider time) => new PostgresStaffStore(_current, time);

    public override ICustomerStore CustomerStore() => new PostgresCustomerStore(_current);

    public override IConsentStore ConsentStore(TimeProvider time) => new PostgresConsentStore(_current, time);

    public override IMailOutbox MailOutbox() => new PostgresMailOutbox(_current);

    public override IMailAddressBook MailAddressBook() => new PostgresMailAddressBook(_current);

    public override void Reopen()
    {
        _current.Dispose();
        _current = OpenInstance();
    }

    protected override void Dispose(bool disposing)
    {
        foreach (var dataSource in _opened)
        {
            dataSource.Dispose();
        }

        _database.Dispose();
    }
}
