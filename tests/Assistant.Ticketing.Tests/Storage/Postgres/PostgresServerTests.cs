using Assistant.Ticketing.Tests.Support;
using Npgsql;

namespace Assistant.Ticketing.Tests.Storage.Postgres;

/// <summary>The server the storage tests run on: durable writes, and one database per test that no other test sees.</summary>
public sealed class PostgresServerTests
{
    [Fact]
    public void The_server_flushes_commits_to_disk_and_each_test_database_is_its_own()
    {
        using var first = PostgresServer.CreateDatabase();
        using var second = PostgresServer.CreateDatabase();

        Assert.Equal("on", Scalar(first.ConnectionString, "SHOW fsync"));
        Assert.Equal("on", Scalar(first.ConnectionString, "SHOW synchronous_commit"));
        Scalar(first.ConnectionString, "CREATE TABLE marker (id int); SELECT 'created'");
        Assert.Equal("marker", Scalar(first.ConnectionString, "SELECT coalesce(to_regclass('marker')::text, '')"));
        Assert.Equal("", Scalar(second.ConnectionString, "SELECT coalesce(to_regclass('marker')::text, '')"));
    }

    [Fact]
    public void A_dropped_test_database_is_gone_from_the_server()
    {
        var database = PostgresServer.CreateDatabase();
        database.Dispose();

        var left = Scalar(PostgresServer.Instance.ConnectionString, $"SELECT count(*)::text FROM pg_database WHERE datname = '{database.Name}'");
        Assert.Equal("0", left);
    }

    private static string Scalar(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return (string)command.ExecuteScalar()!;
    }
}
