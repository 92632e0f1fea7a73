using System.Globalization;
using Assistant.Load.Report;
using Assistant.Load.Runs;
using Assistant.Load.Servers;

namespace Assistant.Load;

/// <summary>
/// The whole run: the echo baseline, then the assistant as a child process (ready, warmed up, idle-memory
/// measure, load), then the table. Progress goes to stderr, the Markdown to stdout.
/// </summary>
public static class LoadTest
{
    /// <summary>Warm-up chats and seconds before each measurement, so JIT and first-use costs stay out of it.</summary>
    private const int WarmUpChats = 8;
    private static readonly TimeSpan WarmUpDuration = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan IdleSettle = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(LoadOptions options)
    {
        using var http = new HttpClient(new SocketsHttpHandler
        {
            // Each chat is a new visitor: a shared cookie jar would make every chat the same visitor.
            UseCookies = false,
            UseProxy = false,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            MaxConnectionsPerServer = int.MaxValue,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        })
        { Timeout = options.Timeout };

        var loadBefore = ProcessStats.LoadAverage();
        RunResult? echo = null, assistant = null;
        AssistantFigures? figures = null;
        try
        {
            if (options.RunEcho)
            {
                echo = await RunEchoAsync(options, http);
            }
            if (options.RunAssistant)
            {
                (assistant, figures) = await RunAssistantAsync(options, http);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or FileNotFoundException or HttpRequestException)
        {
            Console.Error.WriteLine($"load test failed: {ex.Message}");
            return 1;
        }

        var machine = string.Create(CultureInfo.InvariantCulture,
            $"Machine: {Environment.ProcessorCount} cores, load average {loadBefore} before and {ProcessStats.LoadAverage()} after (1, 5, 15 min); {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.");
        ResultTable.Write(Console.Out, options, machine, echo, assistant, figures);
        return 0;
    }

    private static async Task<RunResult> RunEchoAsync(LoadOptions options, HttpClient http)
    {
        await using var server = await EchoServer.StartAsync();
        Progress($"echo server at {server.Address}: warming up");
        await WarmUpAsync(server.Address, http, options);
        Progress($"echo: {options.Chats} chats, {options.Duration.TotalSeconds} s");
        var result = await LoadRun.RunAsync("echo", server.Address, http, options, options.Chats, () => Task.CompletedTask, () => Task.CompletedTask);
        Progress($"echo: {result.TurnsPerSecond:0.0} turns/s");
        return result;
    }

    private static async Task<(RunResult, AssistantFigures)> RunAssistantAsync(LoadOptions options, HttpClient http)
    {
        Progress("starting the assistant");
        await using var server = await AssistantServer.StartAsync(options, http);
        var pid = server.ProcessId;
        Progress($"assistant (pid {pid}) ready at {server.Address}; models in {server.ModelsDirectory}");
        try
        {
            // The first message waits for the models: a few minutes when they are trained now.
            Progress("warming up (the first start trains the models, about a minute on two cores)");
            await WarmUpAsync(server.Address, http, options with { Timeout = TimeSpan.FromMinutes(5) });

            // Both readings after the same pause, so neither catches the service in the middle of its warm-up garbage.
            await Task.Delay(IdleSettle);
            long idle = ProcessStats.Read(pid).ResidentBytes, withIdleChats = idle;
            if (options.IdleChats > 0)
            {
                Progress($"memory: opening {options.IdleChats} idle chats");
                var idleChats = await LoadRun.OpenIdleAsync(server.Address, http, options, options.IdleChats);
                await Task.Delay(IdleSettle);
                withIdleChats = ProcessStats.Read(pid).ResidentBytes;
                await LoadRun.CloseAsync(idleChats);
            }

            IncidentDeclaration? incident = null;
            if (options.Incident is { } product)
            {
                incident = await IncidentDeclaration.DeclareAsync(http, server, product);
                Progress($"incident declared on {product} for {string.Join(", ", IncidentDeclaration.Operators)}");
            }

            Progress($"assistant: {options.Chats} chats, {options.Duration.TotalSeconds} s");
            ProcessStats start = default, end = default;
            var device = DeviceWrites.Of(server.DataDirectory);
            long deviceStart = 0, deviceEnd = 0;
            MetricsScrape before = MetricsScrape.Empty, after = MetricsScrape.Empty;
            var result = await LoadRun.RunAsync("assistant", server.Address, http, options, options.Chats,
                async () =>
                {
                    before = await MetricsScrape.ReadAsync(http, server.Address);
                    start = ProcessStats.Read(pid);
                    deviceStart = device?.Read() ?? 0;
                },
                async () =>
                {
                    end = ProcessStats.Read(pid);
                    deviceEnd = device?.Read() ?? 0;
                    after = await MetricsScrape.ReadAsync(http, server.Address);
                });
            Progress($"assistant: {result.TurnsPerSecond:0.0} turns/s");
            int? linked = incident is null ? null : await incident.LinkedAsync();
            // A stall or a failed commit shows in the service's log long before it shows in a percentile.
            Progress($"assistant: {server.Problems.Count} warning or error lines logged{(server.Problems.Count == 0 ? "" : ", first ones:")}");
            foreach (var line in server.Problems)
            {
                Console.Error.WriteLine(line);
            }

            return (result, new AssistantFigures(start, end, idle, withIdleChats, options.IdleChats, StepSplit.Between(before, after), linked,
                device is null ? null : (device.Device, deviceEnd - deviceStart)));
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or HttpRequestException)
        {
            throw new InvalidOperationException($"{ex.Message}{Environment.NewLine}Last lines of the assistant:{Environment.NewLine}{server.RecentOutput()}", ex);
        }
    }

    private static async Task WarmUpAsync(Uri address, HttpClient http, LoadOptions options) =>
        await LoadRun.RunAsync("warm-up", address, http, options with { Mode = LoadMode.Closed, Duration = WarmUpDuration }, WarmUpChats,
            () => Task.CompletedTask, () => Task.CompletedTask, firstIndex: 2_000_000);

    private static void Progress(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
