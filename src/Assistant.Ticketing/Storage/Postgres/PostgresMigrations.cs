using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Assistant.Ticketing.Storage.Postgres;

/// <summary>One numbered SQL file of <c>Storage/Postgres/Migrations</c>, embedded in the assembly.</summary>
public sealed record PostgresMigration(int Version, string Name, string Sql);

/// <summary>
/// Brings a PostgreSQL database to this build's schema: the embedded migrations not yet recorded in
/// <c>schema_migrations</c> are applied in order, each in its own transaction with its record. Every transaction first
/// takes one advisory lock, so instances starting together apply each migration once and the others wait, then skip it.
/// </summary>
public static partial class PostgresMigrations
{
    /// <summary>The advisory lock of the runner ("SAMIGR" in ASCII); no other code of the product takes it.</summary>
    private const long LockKey = 0x5341_4D49_4752;
    private const string ResourcePrefix = "Migrations/";

    /// <summary>Seconds a migration statement (or the wait for another instance's) may take: an index build on a big table is slow.</summary>
    private const int CommandTimeoutSeconds = 300;

    public static IReadOnlyList<PostgresMigration> All { get; } = Load();

    public static int LatestVersion => All[^1].Version;

    /// <summary>Applies what is missing; returns the migrations applied by this call (none when already up to date).</summary>
    public static IReadOnlyList<PostgresMigration> Apply(NpgsqlDataSource dataSource, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        using var connection = dataSource.OpenConnection();
        var applied = InLockedTransaction(connection, transaction =>
        {
            Execute(connection, transaction, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    integer PRIMARY KEY,
                    name       text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """);
            using var command = new NpgsqlCommand("SELECT version FROM schema_migrations", connection, transaction);
            using var reader = command.ExecuteReader();
            var versions = new HashSet<int>();
            while (reader.Read())
            {
                versions.Add(reader.GetInt32(0));
            }

            return versions;
        });

        if (applied.Count > 0 && applied.Max() > LatestVersion)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL database has schema version {applied.Max()}, newer than this build ({LatestVersion}). Use a newer build or another database.");
        }

        var done = new List<PostgresMigration>();
        foreach (var migration in All.Where(m => !applied.Contains(m.Version)))
        {
            var ran = InLockedTransaction(connection, transaction =>
            {
                // Another instance may have applied it while this one waited for the lock.
                using var check = new NpgsqlCommand("SELECT count(*) FROM schema_migrations WHERE version = @version", connection, transaction);
                check.Parameters.AddWithValue("version", migration.Version);
                if ((long)check.ExecuteScalar()! > 0)
                {
                    return false;
                }

                Execute(connection, transaction, migration.Sql);
                using var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name) VALUES (@version, @name)", connection, transaction);
                record.Parameters.AddWithValue("version", migration.Version);
                record.Parameters.AddWithValue("name", migration.Name);
                record.ExecuteNonQuery();
                return true;
            });
            if (ran)
            {
                LogApplied(logger, migration.Version, migration.Name);
                done.Add(migration);
            }
        }

        LogCurrent(logger, connection.Database, LatestVersion, done.Count);
        return done;
    }

    private static T InLockedTransaction<T>(NpgsqlConnection connection, Func<NpgsqlTransaction, T> work)
    {
        using var transaction = connection.BeginTransaction();
        using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction) { CommandTimeout = CommandTimeoutSeconds })
        {
            command.Parameters.AddWithValue("key", LockKey);
            command.ExecuteNonQuery();
        }

        var result = work(transaction);
        transaction.Commit();
        return result;
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = CommandTimeoutSeconds };
        command.ExecuteNonQuery();
    }

    /// <summary>The embedded files, checked to be numbered 1, 2, 3… with no gap or repeat (a build with a bad set never starts).</summary>
    private static List<PostgresMigration> Load()
    {
        var assembly = typeof(PostgresMigrations).Assembly;
        var migrations = new List<PostgresMigration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var match = FileName().Match(resource[ResourcePrefix.Length..]);
            if (!match.Success)
            {
                throw new InvalidOperationException($"The migration '{resource}' is not named NNNN_name.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new PostgresMigration(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value, reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"The PostgreSQL migrations must be numbered 1, 2, 3… without gaps or repeats; found {migrations[i].Version} at place {i + 1}.");
            }
        }

        return migrations.Count > 0 ? migrations : throw new InvalidOperationException("No PostgreSQL migration is embedded in the assembly.");
    }

    [GeneratedRegex(@"^(\d{4})_([a-z0-9_]+)\.sql$")]
    private static partial Regex FileName();

    [LoggerMessage(EventId = 3211, Level = LogLevel.Information, Message = "PostgreSQL migration {Version} ({Name}) applied")]
    private static partial void LogApplied(ILogger logger, int version, string name);

    [LoggerMessage(EventId = 3212, Level = LogLevel.Information, Message = "PostgreSQL database {Database} at schema version {Version} ({Applied} migration(s) applied at this start)")]
    private static partial void LogCurrent(ILogger logger, string database, int version, int applied);
}
