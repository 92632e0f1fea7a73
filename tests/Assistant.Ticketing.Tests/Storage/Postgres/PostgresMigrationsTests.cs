using Assistant.Ticketing.Storage.Postgres;
using Assistant.Ticketing.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Assistant.Ticketing.Tests.Storage.Postgres;

/// <summary>The schema runner on empty databases: in order, recorded, once, and safe when instances start together.</summary>
public sealed class PostgresMigrationsTests : IDisposable
{
    private readonly PostgresTestDatabase _database = PostgresServer.CreateDatabase();
    private readonly List<NpgsqlDataSource> _dataSources = [];

    public void Dispose()
    {
        foreach (var dataSource in _dataSources)
        {
            dataSource.Dispose();
        }

        _database.Dispose();
    }

    [Fact]
    public void An_empty_database_gets_every_migration_in_order_and_a_second_start_applies_nothing()
    {
        var dataSource = Open();

        var applied = PostgresMigrations.Apply(dataSource, NullLogger.Instance);

        Assert.Equal(Enumerable.Range(1, PostgresMigrations.All.Count), applied.Select(m => m.Version));
        Assert.Equal("staff_customers_consents", applied[0].Name);
        var recorded = Recorded(dataSource);
        Assert.Equal(PostgresMigrations.All.Select(m => (m.Version, m.Name)), recorded.Select(r => (r.Version, r.Name)));
        Assert.Equal(["consents", "customers", "data_protection_keys", "mail_opt_outs", "mail_outbox", "mail_refused", "schema_migrations", "staff"], Tables(dataSource));

        Assert.Empty(PostgresMigrations.Apply(Open(), NullLogger.Instance));
        Assert.Equal(recorded, Recorded(dataSource));
    }

    [Fact]
    public async Task Instances_starting_at_once_apply_each_migration_once_and_all_startAsync()
    {
        var instances = Enumerable.Range(0, 4).Select(_ => Open()).ToList();
        using var start = new Barrier(instances.Count);

        var applied = await Task.WhenAll(instances.Select(dataSource => Task.Run(() =>
        {
            start.SignalAndWait();
            return PostgresMigrations.Apply(dataSource, NullLogger.Instance);
        })));

        Assert.Equal(PostgresMigrations.All.Count, applied.Sum(a => a.Count));
        Assert.Equal(Enumerable.Range(1, PostgresMigrations.All.Count), Recorded(instances[0]).Select(r => r.Version));
    }

    [Fact]
    public void A_database_migrated_by_a_newer_build_is_refused_with_the_reason()
    {
        var dataSource = Open();
        PostgresMigrations.Apply(dataSource, NullLogger.Instance);
        using (var command = dataSource.CreateCommand($"INSERT INTO schema_migrations (version, name) VALUES ({PostgresMigrations.LatestVersion + 1}, 'from_the_future')"))
        {
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<InvalidOperationException>(() => PostgresMigrations.Apply(dataSource, NullLogger.Instance));

        Assert.Contains($"schema version {PostgresMigrations.LatestVersion + 1}, newer than this build ({PostgresMigrations.LatestVersion})", error.Message, StringComparison.Ordinal);
    }

    private NpgsqlDataSource Open()
    {
        var dataSource = PostgresSetup.CreateDataSource(_database.ConnectionString);
        _dataSources.Add(dataSource);
        return dataSource;
    }

    private static List<(int Version, string Name, DateTime AppliedAt)> Recorded(NpgsqlDataSource dataSource)
    {
        using var command = dataSource.CreateCommand("SELECT version, name, applied_at FROM schema_migrations ORDER BY version");
        using var reader = command.ExecuteReader();
        var rows = new List<(int, string, DateTime)>();
        while (reader.Read())
        {
            rows.Add((reader.GetInt32(0), reader.GetString(1), reader.GetDateTime(2)));
        }

        return rows;
    }

    private static List<string> Tables(NpgsqlDataSource dataSource)
    {
        using var command = dataSource.CreateCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
        using var reader = command.ExecuteReader();
        var tables = new List<string>();
        while (reader.Read())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }
}
