using System.Diagnostics;
using Assistant.Load.Chats;

namespace Assistant.Load.Runs;

/// <summary>
/// One server under load: opens every chat (greeting included) before the clock starts, drives them for the
/// measured window, lets turns already sent finish, then closes the chats.
/// </summary>
public static class LoadRun
{
    /// <summary>Chats opened at once while setting up: enough to be quick, few enough not to be a load test of its own.</summary>
    private const int OpeningConcurrency = 32;

    public static async Task<RunResult> RunAsync(
        string server, Uri address, HttpClient http, LoadOptions options, int chats, Func<Task> windowStarted, Func<Task> windowEnded, int firstIndex = 0)
    {
        var runners = await OpenAsync(address, http, options, chats, firstIndex);
        var self = Process.GetCurrentProcess();

        await windowStarted();
        var clientCpuBefore = self.TotalProcessorTime;
        var windowStart = Stopwatch.GetTimestamp();
        var windowEnd = windowStart + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);
        var driving = runners.Select(r => Task.Run(() => r.DriveAsync(windowStart, windowEnd))).ToArray();

        await Task.Delay(options.Duration);
        self.Refresh();
        var clientCpu = (self.TotalProcessorTime - clientCpuBefore).TotalSeconds;
        await windowEnded();
        await Task.WhenAll(driving);
        await Task.WhenAll(runners.Select(r => r.CloseAsync()));

        return new RunResult(server, options, chats, windowStart, windowEnd, clientCpu,
            [.. runners.SelectMany(r => r.Turns)], runners.Sum(r => r.Reopened), runners.Sum(r => r.LateSends), runners.Sum(r => r.StrayMessages));
    }

    /// <summary>Opens chats that stay idle (greeted, socket open) until <see cref="CloseAsync"/>; for the memory figure.</summary>
    public static Task<ChatRunner[]> OpenIdleAsync(Uri address, HttpClient http, LoadOptions options, int chats) =>
        OpenAsync(address, http, options, chats, firstIndex: 1_000_000);

    public static Task CloseAsync(IEnumerable<ChatRunner> runners) => Task.WhenAll(runners.Select(r => r.CloseAsync()));

    private static async Task<ChatRunner[]> OpenAsync(Uri address, HttpClient http, LoadOptions options, int chats, int firstIndex = 0)
    {
        using var gate = new SemaphoreSlim(OpeningConcurrency);
        var runners = Enumerable.Range(firstIndex, chats).Select(i => new ChatRunner(i, http, address, options)).ToArray();
        var opened = await Task.WhenAll(runners.Select(async runner =>
        {
            await gate.WaitAsync();
            try
            {
                return await runner.OpenAsync();
            }
            finally
            {
                gate.Release();
            }
        }));
        var failed = opened.Count(ok => !ok);
        return failed == 0
            ? runners
            : throw new InvalidOperationException($"{failed} of {chats} chats could not be opened (token, start, stream or greeting).");
    }
}

/// <summary>Every turn of one run, and what the figures are computed from.</summary>
public sealed record RunResult(
    string Server,
    LoadOptions Options,
    int Chats,
    long WindowStart,
    long WindowEnd,
    double ClientCpuSeconds,
    List<TurnOutcome> Turns,
    int Reopened,
    int LateSends,
    int StrayMessages)
{
    public double WindowSeconds => (WindowEnd - WindowStart) / (double)Stopwatch.Frequency;

    /// <summary>Turns whose end the client saw inside the window: the throughput counts these.</summary>
    public int CompletedInWindow => Turns.Count(t => t.Result == TurnResult.Ok && t.EndedAt <= WindowEnd);

    public double TurnsPerSecond => CompletedInWindow / WindowSeconds;

    public Percentiles FirstReply => Latencies(t => t.FirstAt);

    /// <summary>From the POST to the bot's typing indicator, over the turns that had one (the echo sends none).</summary>
    public Percentiles Typing =>
        Percentiles.Of([.. Turns.Where(t => t.Result == TurnResult.Ok && t.TypingAt != 0).Select(t => (t.TypingAt - t.StartedAt) * 1000.0 / Stopwatch.Frequency)]);

    public Percentiles EndOfTurn => Latencies(t => t.EndedAt);

    public int Errors(TurnResult kind) => Turns.Count(t => t.Result == kind);

    public int TicketsFiled => Turns.Count(t => t.FiledTicket);

    private Percentiles Latencies(Func<TurnOutcome, long> at) =>
        Percentiles.Of([.. Turns.Where(t => t.Result == TurnResult.Ok).Select(t => (at(t) - t.StartedAt) * 1000.0 / Stopwatch.Frequency)]);
}
