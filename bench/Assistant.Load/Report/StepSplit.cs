namespace Assistant.Load.Report;

/// <summary>One step of the split: how often it ran in the window and the time it took in all.</summary>
public sealed record StepRow(string Step, double Calls, double Seconds);

/// <summary>
/// Where the assistant's turns spent their time during the window, from two reads of <c>/metrics</c>: the
/// difference of the step histogram's sums and counts, and the server-side turn latency (stored → end of turn).
/// </summary>
public sealed record StepSplit(double Turns, double MessageTurns, IReadOnlyList<StepRow> Steps, double TurnMeanMs, double TurnP50Ms, double TurnP95Ms)
{
    private const string TurnHistogram = "assistant_turn_duration_seconds";
    private const string StepHistogram = "assistant_turn_step_duration_seconds";
    private static readonly string[] StepNames = ["channel", "moderation", "dialog", "storage", "push"];

    public static StepSplit? Between(MetricsScrape before, MetricsScrape after)
    {
        if (after.IsEmpty)
        {
            return null;
        }

        double Delta(string name, string labels) => after.Get(name, labels) - before.Get(name, labels);
        var message = "type=\"message\"";
        var messageTurns = Delta(TurnHistogram + "_count", message);
        var turns = messageTurns + Delta(TurnHistogram + "_count", "type=\"conversationUpdate\"");
        var steps = StepNames
            .Select(step => new StepRow(step, Delta(StepHistogram + "_count", $"step=\"{step}\""), Delta(StepHistogram + "_sum", $"step=\"{step}\"")))
            .ToList();

        var earlier = before.Buckets(TurnHistogram, message).ToDictionary(b => b.UpperBound, b => b.Count);
        var buckets = after.Buckets(TurnHistogram, message)
            .Select(b => (b.UpperBound, b.Count - earlier.GetValueOrDefault(b.UpperBound)))
            .ToList();
        var mean = messageTurns > 0 ? Delta(TurnHistogram + "_sum", message) / messageTurns * 1000 : double.NaN;
        return new StepSplit(turns, messageTurns, steps, mean, Quantile(buckets, 0.5) * 1000, Quantile(buckets, 0.95) * 1000);
    }

    /// <summary>Linear interpolation inside the bucket that holds the quantile, as Prometheus' histogram_quantile does.</summary>
    private static double Quantile(List<(double UpperBound, double Count)> cumulative, double quantile)
    {
        if (cumulative.Count == 0 || cumulative[^1].Count <= 0)
        {
            return double.NaN;
        }
        var rank = quantile * cumulative[^1].Count;
        var (lower, below) = (0.0, 0.0);
        foreach (var (upper, count) in cumulative)
        {
            if (count >= rank)
            {
                return double.IsPositiveInfinity(upper) ? lower : lower + ((upper - lower) * (rank - below) / Math.Max(count - below, 1e-9));
            }
            (lower, below) = (upper, count);
        }
        return lower;
    }
}
