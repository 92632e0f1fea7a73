using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

// Linked into other test projects (Assistant.Bot.Tests/Storage): one namespace for the one helper.
#pragma warning disable IDE0130
namespace Assistant.Ticketing.Tests.Support;
#pragma warning restore IDE0130

/// <summary>
/// The PostgreSQL server of the storage tests, one per test process. <c>SUPPORT_ASSISTANT_TEST_POSTGRES</c> may hold
/// the connection string of a server to use (its user must be allowed to create databases); otherwise a throwaway
/// cluster is made with Debian's <c>initdb</c> in a temporary folder, started on a free loopback port with fsync on,
/// and stopped and deleted when the process exits. Tests take a fresh database each with <see cref="CreateDatabase"/>.
/// </summary>
public sealed class PostgresServer
{
    public const string EnvironmentVariable = "SUPPORT_ASSISTANT_TEST_POSTGRES";
    private const string FolderPrefix = "sa-postgres-";

    private static readonly Lazy<PostgresServer> Shared = new(Start);

    private PostgresServer(string connectionString) => ConnectionString = connectionString;

    /// <summary>The server's maintenance database, where test databases are created and dropped.</summary>
    public string ConnectionString { get; }

    /// <summary>The process's server, started at the first call; a failure to start fails every caller with its reason.</summary>
    public static PostgresServer Instance => Shared.Value;

    /// <summary>A new empty database <c>t_&lt;guid&gt;</c> on the process's server, dropped when disposed.</summary>
    public static PostgresTestDatabase CreateDatabase()
    {
        var server = Instance;
        var name = "t_" + Guid.NewGuid().ToString("N");
        server.Execute($"CREATE DATABASE {name}");
        // Generous timeouts: the test machine's disk is shared, and a flush can wait behind another process's.
        var connectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name, Timeout = 60, CommandTimeout = 120 }.ConnectionString;
        return new PostgresTestDatabase(name, connectionString, () => server.Execute($"DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
    }

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 120 };
        command.ExecuteNonQuery();
    }

    private static PostgresServer Start()
    {
        var given = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            return new PostgresServer(given);
        }

        var binaries = FindBinaries();
        var folder = Path.Combine(Path.GetTempPath(), $"{FolderPrefix}{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(folder);
        try
        {
            if (Environment.UserName == "root")
            {
                // initdb refuses to run as root: the cluster belongs to the postgres user of Debian's package.
                Run("chown", "postgres:postgres", folder);
            }

            var data = Path.Combine(folder, "data");
            // --no-sync only skips flushing initdb's own files; the server itself runs with fsync on.
            RunAsPostgres(Path.Combine(binaries, "initdb"), "-D", data, "-A", "trust", "-U", "postgres", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync");
            var port = FreePort();
            RunAsPostgres(Path.Combine(binaries, "pg_ctl"), "-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60",
                "-o", $"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={folder} -c max_connections=200 -c fsync=on",
                "start");
            WatchForExit(binaries, folder);
            return new PostgresServer($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres");
        }
        catch
        {
            TryDelete(folder);
            throw;
        }
    }

    /// <summary>
    /// A detached shell that stops the cluster and deletes its folder once this process is gone, however it ends: the
    /// test host may be stopped before an exit handler finishes, or killed.
    /// </summary>
    private static void WatchForExit(string binaries, string folder)
    {
        var stop = $"{Path.Combine(binaries, "pg_ctl")} -D {Path.Combine(folder, "data")} -m immediate -w stop";
        if (Environment.UserName == "root")
        {
            stop = $"runuser -u postgres -- {stop}";
        }

        var script = $"exec </dev/null >/dev/null 2>&1; while kill -0 {Environment.ProcessId}; do sleep 1; done; {stop}; rm -rf {folder}";
        using var watcher = Process.Start(new ProcessStartInfo("setsid", ["sh", "-c", script]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("Could not start the watcher of the test PostgreSQL cluster.");
    }

    /// <summary>Debian's server binaries, the newest version installed; none is a failure that says what to do.</summary>
    private static string FindBinaries()
    {
        var versions = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Where(d => File.Exists(Path.Combine(d, "bin", "initdb"))).ToList()
            : [];
        if (versions.Count == 0)
        {
            throw new InvalidOperationException(
                $"No PostgreSQL server binaries in /usr/lib/postgresql/<version>/bin: install Debian's postgresql (bash build/install-test-deps.sh) or set {EnvironmentVariable} to a server's connection string.");
        }

        return Path.Combine(versions.OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0).First(), "bin");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void RunAsPostgres(string program, params string[] arguments)
    {
        if (Environment.UserName == "root")
        {
            Run("runuser", ["-u", "postgres", "--", program, .. arguments]);
        }
        else
        {
            Run(program, arguments);
        }
    }

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {output}{error.Result}");
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}

/// <summary>One test's database; dropped (its connections closed) when disposed.</summary>
public sealed class PostgresTestDatabase(string name, string connectionString, Action drop) : IDisposable
{
    public string Name { get; } = name;

    public string ConnectionString { get; } = connectionString;

    public void Dispose() => drop();
}
