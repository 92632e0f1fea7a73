using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Assistant.Load.Servers;

/// <summary>
/// The real assistant as a child process: the built <c>Assistant.Bot.dll</c> on a free loopback port, a fresh
/// temporary data directory (on disk, so its writes show in /proc), and the models cache. Stopped with SIGTERM.
/// </summary>
public sealed class AssistantServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _problems = new();

    private AssistantServer(Process process, Uri address, string dataDirectory, string modelsDirectory, string adminPassword)
    {
        AdminPassword = adminPassword;
        _process = process;
        Address = address;
        DataDirectory = dataDirectory;
        ModelsDirectory = modelsDirectory;
    }

    public Uri Address { get; }

    public string DataDirectory { get; }

    public string ModelsDirectory { get; }

    public int ProcessId => _process.Id;

    /// <summary>The console account the run uses to declare an incident (a fresh password each run).</summary>
    public const string AdminEmail = "load-admin@example.invalid";

    public string AdminPassword { get; }

    public static async Task<AssistantServer> StartAsync(LoadOptions options, HttpClient http)
    {
        var dll = Path.GetFullPath(options.BotDll ?? DefaultBotDll());
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"No assistant at {dll}: build it first (dotnet build -c Release) or pass --bot-dll.");
        }

        var botDirectory = Path.GetDirectoryName(dll)!;
        // /var/tmp rather than /tmp: /tmp may be a tmpfs, whose writes never reach a disk and would read as zero here.
        var tempRoot = Directory.Exists("/var/tmp") ? "/var/tmp" : Path.GetTempPath();
        var dataDirectory = Directory.CreateDirectory(Path.Combine(tempRoot, "support-assistant-load-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        var modelsDirectory = options.FreshModels
            ? Path.Combine(dataDirectory, "models")
            : ModelsCache.DirectoryFor(options.ModelsCache ?? ModelsCache.DefaultRoot, botDirectory);
        var address = new Uri($"http://127.0.0.1:{FreePort()}");

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = botDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            dll,
            "--urls", address.ToString().TrimEnd('/'),
            $"--Assistant:DataDirectory={dataDirectory}",
            $"--Moderation:ModelsDirectory={modelsDirectory}",
            // Every simulated chat is a new visitor from 127.0.0.1: the per-address page-token limit would refuse most.
            "--Assistant:WebChat:TokenRequestsPerMinute=10000",
            // A closed-loop chat posts as soon as its turn ends, faster than anyone types: the per-conversation and
            // per-visitor message limits (300 and 600 a minute) would answer 429 once the service is fast enough.
            "--Assistant:RateLimits:MessagesPerConversation:PerMinute=100000",
            "--Assistant:RateLimits:MessagesPerConversation:Burst=10000",
            "--Assistant:RateLimits:MessagesPerVisitor:PerMinute=100000",
            "--Assistant:RateLimits:MessagesPerVisitor:Burst=10000",
        })
        {
            start.ArgumentList.Add(argument);
        }

        // The first admin of the fresh data directory, through the environment rather than the visible command line.
        var adminPassword = "load-" + Guid.NewGuid().ToString("N");
        start.Environment["Assistant__Bootstrap__AdminEmail"] = AdminEmail;
        start.Environment["Assistant__Bootstrap__AdminPassword"] = adminPassword;

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var server = new AssistantServer(process, address, dataDirectory, modelsDirectory, adminPassword);
        // Console logs go to a pipe (kept in memory, last lines only) so they neither block the child nor count as disk writes.
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        await server.WaitUntilReadyAsync(http, TimeSpan.FromMinutes(3));
        return server;
    }

    /// <summary>The service's last console lines, for a failure report.</summary>
    public string RecentOutput() => string.Join(Environment.NewLine, _output);

    /// <summary>The first warnings and errors the service logged (Serilog's console levels), for the end of a run.</summary>
    public IReadOnlyCollection<string> Problems => _problems;

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        if ((line.Contains(" WRN] ", StringComparison.Ordinal) || line.Contains(" ERR] ", StringComparison.Ordinal)
            || line.Contains(" FTL] ", StringComparison.Ordinal)) && _problems.Count < 20)
        {
            _problems.Enqueue(line);
        }
        while (_output.Count > 40 && _output.TryDequeue(out _))
        {
        }
    }

    private async Task WaitUntilReadyAsync(HttpClient http, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The assistant exited with code {_process.ExitCode}:{Environment.NewLine}{RecentOutput()}");
            }
            try
            {
                using var response = await http.GetAsync(new Uri(Address, "/healthz/ready"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The assistant was not ready within {timeout}:{Environment.NewLine}{RecentOutput()}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>src/Assistant.Bot/bin/&lt;this build's configuration&gt;/net10.0/Assistant.Bot.dll of the repository this runs from.</summary>
    private static string DefaultBotDll()
    {
#if DEBUG
        const string Configuration = "Debug";
#else
        const string Configuration = "Release";
#endif
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SupportAssistant.sln")))
        {
            directory = directory.Parent;
        }
        if (directory is null)
        {
            throw new FileNotFoundException("SupportAssistant.sln not found above the load generator: pass --bot-dll.");
        }
        return Path.Combine(directory.FullName, "src", "Assistant.Bot", "bin", Configuration, "net10.0", "Assistant.Bot.dll");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder does not matter.
        }
    }
}
