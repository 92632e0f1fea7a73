using Assistant.Moderation.Serving;

namespace Assistant.Moderation.Evaluation;

/// <summary>
/// The stated gate a model set must pass on the held-out split before it is promoted. It is a floor against
/// broken training (bad data, a bug), set below the product targets (macro-F1 0.90, abusive recall 0.95,
/// legitimate flagged ≤ 3%, off-topic recall 0.90, priority accuracy 0.75) that the report compares against.
/// </summary>
public sealed class PromotionGate
{
    public double MinModerationMacroF1 { get; set; } = 0.80;

    public double MinAbusiveRecall { get; set; } = 0.85;

    public double MaxOkFlaggedAbusive { get; set; } = 0.05;

    public double MinOfftopicRecall { get; set; } = 0.80;

    public double MinPriorityAccuracy { get; set; } = 0.60;

    public GateResult Check(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var failures = new List<string>();
        var summary = report.Summary;
        Floor("moderation.macroF1", MinModerationMacroF1);
        Floor("abusive.recall", MinAbusiveRecall);
        Floor("offtopic.recall", MinOfftopicRecall);
        if (summary.TryGetValue("ok.flaggedAbusive", out var flagged) && flagged > MaxOkFlaggedAbusive)
        {
            failures.Add($"ok.flaggedAbusive {flagged:0.000} > {MaxOkFlaggedAbusive:0.000}");
        }

        if (summary.ContainsKey("priority.accuracy"))
        {
            Floor("priority.accuracy", MinPriorityAccuracy);
        }

        return new GateResult(failures.Count == 0, failures, new Dictionary<string, double>
        {
            ["moderation.macroF1"] = MinModerationMacroF1,
            ["abusive.recall"] = MinAbusiveRecall,
            ["offtopic.recall"] = MinOfftopicRecall,
            ["ok.flaggedAbusive.max"] = MaxOkFlaggedAbusive,
            ["priority.accuracy"] = MinPriorityAccuracy,
        });

        void Floor(string key, double minimum)
        {
            if (!summary.TryGetValue(key, out var value) || value < minimum)
            {
                failures.Add($"{key} {(summary.TryGetValue(key, out var v) ? v.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) : "missing")} < {minimum:0.000}");
            }
        }
    }
}
