using System.Globalization;
using Assistant.Load.Chats;
using Assistant.Load.Runs;

namespace Assistant.Load.Report;

/// <summary>The Markdown the run prints: one table echo vs assistant, then the assistant's per-step split.</summary>
public static class ResultTable
{
    private const string None = "—";

    public static void Write(TextWriter output, LoadOptions options, string machine, RunResult? echo, RunResult? assistant, AssistantFigures? figures)
    {
        var mode = options.Mode == LoadMode.Closed
            ? "closed loop (next message when the turn ends)"
            : $"paced (one message every ~{F(options.Interval.TotalSeconds, 0)} s per chat, ±25 %; offered {F(options.Chats / options.Interval.TotalSeconds, 0)} messages/s)";
        var incident = options.Incident is null ? "" : $", an incident declared on {options.Incident}";
        output.WriteLine($"### {options.Chats} chats, {mode}{incident}, {F(options.Duration.TotalSeconds, 0)} s measured per server");
        output.WriteLine();
        output.WriteLine(machine);
        output.WriteLine();
        output.WriteLine("| | echo (bare Kestrel, in memory) | assistant |");
        output.WriteLine("|---|---|---|");
        Row(output, "turns per second", echo, assistant, r => F(r.TurnsPerSecond, 1));
        var ratio = echo is not null && assistant is not null && echo.TurnsPerSecond > 0 ? F(assistant.TurnsPerSecond / echo.TurnsPerSecond, 3) : None;
        output.WriteLine($"| ratio of turns per second to the echo | {(echo is null ? None : "1")} | {ratio} |");
        Row(output, "typing indicator p50 / p95 / p99 (ms)", echo, assistant, r => r.Typing.Count == 0 ? None : Latency(r.Typing));
        Row(output, "first bot reply p50 / p95 / p99 (ms)", echo, assistant, r => Latency(r.FirstReply));
        Row(output, "end of turn p50 / p95 / p99 (ms)", echo, assistant, r => Latency(r.EndOfTurn));
        Row(output, "turns measured", echo, assistant, r => r.Turns.Count.ToString("N0", CultureInfo.InvariantCulture));
        Row(output, $"errors: HTTP / socket drops / no end of turn in {F(options.Timeout.TotalSeconds, 0)} s", echo, assistant,
            r => $"{r.Errors(TurnResult.HttpError)} / {r.Errors(TurnResult.SocketDrop)} / {r.Errors(TurnResult.NoReply)}");
        Row(output, "bot messages outside a turn; chats reopened after an error", echo, assistant, r => $"{r.StrayMessages}; {r.Reopened}");
        if (options.Mode == LoadMode.Paced)
        {
            Row(output, "messages sent late (previous turn not ended when due)", echo, assistant, r => r.LateSends.ToString(CultureInfo.InvariantCulture));
        }
        output.WriteLine($"| tickets filed | {None} | {(assistant is null ? None : assistant.TicketsFiled.ToString(CultureInfo.InvariantCulture))} |");
        if (options.Incident is not null)
        {
            output.WriteLine($"| reports linked to the {options.Incident} incidents (told, answered \"oui\") | {None} | {figures?.IncidentReports?.ToString(CultureInfo.InvariantCulture) ?? None} |");
        }

        var turns = assistant?.CompletedInWindow ?? 0;
        string PerTurn(Func<AssistantFigures, double> total, Func<double, string> format) =>
            figures is null || turns == 0 ? None : format(total(figures) / turns);
        output.WriteLine($"| CPU per turn, server | {(echo is null ? None : "shares the client's process")} | {PerTurn(f => f.WindowEnd.CpuSeconds - f.WindowStart.CpuSeconds, s => F(s * 1000, 2) + " ms")} |");
        Row(output, "CPU per turn, load client", echo, assistant,
            r => r.CompletedInWindow == 0 ? None : F(r.ClientCpuSeconds * 1000 / r.CompletedInWindow, 2) + " ms" + (ReferenceEquals(r, echo) ? " (with the echo server)" : ""));
        output.WriteLine($"| page cache dirtied per turn (/proc write_bytes) | {None} | {PerTurn(f => f.WindowEnd.WriteBytes - f.WindowStart.WriteBytes, Bytes)} |");
        var device = figures?.DeviceWritten is { } written ? $" (device {written.Device}, synced at both ends)" : "";
        output.WriteLine($"| disk written per turn{device} | {None} | {(figures?.DeviceWritten is { } d ? PerTurn(_ => d.Bytes, Bytes) : None)} |");
        var memory = figures is null || figures.IdleChats == 0
            ? None
            : $"{Bytes(figures.IdleResidentBytes)} / {Bytes((figures.ResidentWithIdleChats - figures.IdleResidentBytes) / (double)figures.IdleChats)} ({figures.IdleChats} chats)";
        output.WriteLine($"| resident memory: idle / per open idle chat | {None} | {memory} |");
        output.WriteLine($"| resident memory at the end of the run | {None} | {(figures is null ? None : Bytes(figures.WindowEnd.ResidentBytes))} |");

        if (figures?.Steps is { } split)
        {
            WriteSteps(output, split);
        }
    }

    private static void WriteSteps(TextWriter output, StepSplit split)
    {
        output.WriteLine();
        output.WriteLine($"Assistant, per step, from `/metrics` over the window ({F(split.Turns, 0)} turns ended in the server, {F(split.MessageTurns, 0)} of them messages):");
        output.WriteLine();
        output.WriteLine("| step | calls per turn | mean per call (ms) | per turn (ms) |");
        output.WriteLine("|---|---|---|---|");
        foreach (var step in split.Steps)
        {
            var perCall = step.Calls > 0 ? F(step.Seconds * 1000 / step.Calls, 3) : None;
            var perTurn = split.Turns > 0 ? F(step.Seconds * 1000 / split.Turns, 3) : None;
            var calls = split.Turns > 0 ? F(step.Calls / split.Turns, 2) : None;
            output.WriteLine($"| {step.Step} | {calls} | {perCall} | {perTurn} |");
        }
        output.WriteLine($"| whole message turn in the server (stored → end): mean / p50 / p95 from the histogram | | | {F(split.TurnMeanMs, 1)} / ≈{F(split.TurnP50Ms, 1)} / ≈{F(split.TurnP95Ms, 1)} |");
    }

    private static void Row(TextWriter output, string name, RunResult? echo, RunResult? assistant, Func<RunResult, string> value) =>
        output.WriteLine($"| {name} | {(echo is null ? None : value(echo))} | {(assistant is null ? None : value(assistant))} |");

    private static string Latency(Percentiles p) => p.Count == 0 ? None : $"{F(p.P50, 1)} / {F(p.P95, 1)} / {F(p.P99, 1)}";

    private static string Bytes(double bytes) => bytes switch
    {
        >= 1024 * 1024 => F(bytes / (1024 * 1024), 1) + " MiB",
        >= 1024 => F(bytes / 1024, 1) + " KiB",
        _ => F(bytes, 0) + " B",
    };

    private static string F(double value, int decimals) =>
        double.IsNaN(value) ? None : value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
