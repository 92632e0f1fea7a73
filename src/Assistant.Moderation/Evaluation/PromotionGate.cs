using Assistant.Moderation.Serving;

namespace Assistant.Moderation.Evaluation;

/// <summary>
/// The stated gate a model set must pass on the held-out split before it is promoted, on the project's own rows (the
/// public tweets label abuse differently and are down-weighted, see <c>TrainerSettings</c>): moderation macro-F1 ≥ 0.80,
/// abusive recall ≥ 0.65, legitimate messages flagged abusive ≤ 5%, off-topic recall ≥ 0.70, priority accuracy ≥ 0.60.
/// It is a floor against broken training (bad data, a bug), below the product targets the README reports against.
/// </summary>
public sealed class PromotionGate
{
    public double MinModerationMacroF1 { get; set; } = 0.80;

    public double MinAbusiveRecall { get; set; } = 0.65;

    public double MaxOkFlaggedAbusive { get; set; } = 0.05;

    public double MinOfftopicRecall { get; set; } = 0.70;

    public double MinPriorityAccuracy { get; set; } = 0.60;

    public GateResult Check(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var failures = new List<string>();
        var summary = report.Summary;
        Floor("project.moderation.macroF1", MinModerationMacroF1);
        Floor("project.abusive.recall", MinAbusiveRecall);
        Floor("project.offtopic.recall", MinOfftopicRecall);
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
            ["project.moderation.macroF1"] = MinModerationMacroF1,
            ["project.abusive.recall"] = MinAbusiveRecall,
            ["project.offtopic.recall"] = MinOfftopicRecall,
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
