using System.Diagnostics;
using System.Diagnostics.Metrics;
using Assistant.Bot.Channel.Turns;
using Assistant.Moderation.Analysis;

namespace Assistant.Bot.Metrics;

/// <summary>The parts of a turn that <see cref="TurnMetrics.Step"/> times, as the <c>step</c> tag.</summary>
public static class TurnSteps
{
    /// <summary>The wait between the activity being stored and the bot starting on it (queue, one turn at a time per conversation).</summary>
    public const string Channel = "channel";
    public const string Moderation = "moderation";
    public const string Dialog = "dialog";
    public const string Storage = "storage";
    /// <summary>Serialising an activity set and writing it to one WebSocket.</summary>
    public const string Push = "push";
}

/// <summary>
/// Every instrument of the <see cref="MeterName"/> meter, and the hooks the channel and the pipeline call around
/// their existing work. The hooks take a <see cref="Start"/> timestamp rather than a lambda, so timing a call
/// allocates nothing and leaves the timed code as it was.
/// </summary>
public sealed class TurnMetrics
{
    public const string MeterName = "SupportAssistant";

    // Seconds, from 100 µs (one analysis) to 30 s (a turn stuck behind a long queue).
    private static readonly double[] Buckets =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly Histogram<double> _turnDuration;
    private readonly Histogram<double> _stepDuration;
    private readonly UpDownCounter<long> _inFlight;
    private readonly Counter<long> _decisions;
    private long _waiting;

    public TurnMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        var advice = new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets };
        _turnDuration = meter.CreateHistogram("assistant.turn.duration", "s",
            "From the user's activity being stored to the end of the bot's turn.", advice: advice);
        _stepDuration = meter.CreateHistogram("assistant.turn.step.duration", "s",
            "Time spent in one part of a turn (tag step).", advice: advice);
        _inFlight = meter.CreateUpDownCounter<long>("assistant.turns.in_flight", "{turn}", "Turns the bot is running now.");
        _decisions = meter.CreateCounter<long>("assistant.moderation.decisions", "{decision}", "Moderation decisions on users' messages (tags label, action).");
        meter.CreateObservableGauge("assistant.turn.queue.depth", () => Volatile.Read(ref _waiting), "{activity}",
            "Stored activities waiting for the bot to start on them.");
    }

    public static long Start() => Stopwatch.GetTimestamp();

    public void Step(string step, long started) =>
        _stepDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("step", step));

    public void Queued() => Interlocked.Increment(ref _waiting);

    public void TurnStarted(TurnWorkItem item)
    {
        Interlocked.Decrement(ref _waiting);
        _inFlight.Add(1);
        Step(TurnSteps.Channel, item.QueuedAt);
    }

    public void TurnEnded(TurnWorkItem item)
    {
        _inFlight.Add(-1);
        _turnDuration.Record(Stopwatch.GetElapsedTime(item.QueuedAt).TotalSeconds,
            new KeyValuePair<string, object?>("type", item.Activity.Type));
    }

    /// <summary>Times the moderation step and counts its decision (null: the text was not moderated, e.g. a button).</summary>
    public void Moderated(long started, ModerationVerdict? verdict)
    {
        Step(TurnSteps.Moderation, started);
        if (verdict is not null)
        {
            _decisions.Add(1, new KeyValuePair<string, object?>("label", verdict.Label), new KeyValuePair<string, object?>("action", verdict.Action));
        }
    }
}
