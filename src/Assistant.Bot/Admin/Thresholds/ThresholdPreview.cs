using Assistant.Bot.Admin.Audit;
using Assistant.Moderation;
using Assistant.Moderation.Analysis;
using Assistant.Moderation.Thresholds;

namespace Assistant.Bot.Admin.Thresholds;

/// <param name="Flagged">Held-out rows given this label.</param>
/// <param name="FalsePositives">Rows given this label whose true label is another one.</param>
public sealed record LabelMetrics(string Label, int Support, int Flagged, int TruePositives, int FalsePositives, double Precision, double Recall);

/// <param name="OkFlagged">Legitimate (ok) rows given any other label: the cost users pay for moderation.</param>
/// <param name="Strikes">Rows that would count a strike; <paramref name="OkStrikes"/> of them legitimate (the target is none).</param>
public sealed record HeldOutMetrics(string ModelVersion, int Rows, LabelMetrics Abusive, LabelMetrics Offtopic, int OkFlagged, double OkFlaggedRate, int Strikes = 0, int OkStrikes = 0);

/// <param name="Changes">Counts per change, e.g. <c>ok:allow → abusive:refuse</c>.</param>
public sealed record TrafficChange(int Days, int Messages, int Changed, IReadOnlyDictionary<string, int> Changes);

public sealed record ThresholdPreviewResult(HeldOutMetrics Current, HeldOutMetrics Proposed, TrafficChange Traffic);

/// <summary>What a proposed set of thresholds would do: on the held-out evaluation rows, and on the messages of the last days.</summary>
public static class ThresholdPreview
{
    public static HeldOutMetrics OnHeldOut(string modelVersion, IReadOnlyList<ScoredRow> rows, ModerationThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var predicted = rows.Select(r =>
        {
            var verdict = ModelSetAnalysis.Replay(new ModerationScores(r.Abusive, r.Offtopic), r.DecidedBy, thresholds);
            return (r.Label, Predicted: verdict.Label, verdict.Strike);
        }).ToList();
        var oks = predicted.Count(p => p.Label == Labels.Ok);
        var okFlagged = predicted.Count(p => p.Label == Labels.Ok && p.Predicted != Labels.Ok);
        return new HeldOutMetrics(modelVersion, rows.Count, For(Labels.Abusive), For(Labels.Offtopic), okFlagged, oks == 0 ? 0 : (double)okFlagged / oks,
            predicted.Count(p => p.Strike), predicted.Count(p => p.Strike && p.Label == Labels.Ok));

        LabelMetrics For(string label)
        {
            var support = predicted.Count(p => p.Label == label);
            var flagged = predicted.Count(p => p.Predicted == label);
            var truePositives = predicted.Count(p => p.Label == label && p.Predicted == label);
            return new LabelMetrics(label, support, flagged, truePositives, flagged - truePositives,
                flagged == 0 ? 0 : Math.Round((double)truePositives / flagged, 4),
                support == 0 ? 0 : Math.Round((double)truePositives / support, 4));
        }
    }

    /// <summary>
    /// Replays the recorded decisions under <paramref name="thresholds"/> as the pipeline would decide them (see
    /// <see cref="ModelSetAnalysis.Replay"/>); counts the messages whose label, action or strike changes.
    /// </summary>
    public static TrafficChange OnTraffic(int days, IReadOnlyList<ModerationDecision> decisions, ModerationThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        var changes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var decision in decisions)
        {
            var replayed = ModelSetAnalysis.Replay(new ModerationScores(decision.Abusive, decision.Offtopic), decision.DecidedBy, thresholds);
            if (replayed.Label != decision.Label || replayed.Action != decision.Action || replayed.Strike != decision.Strike)
            {
                var change = $"{decision.Label}:{decision.Action}{(decision.Strike ? "+strike" : "")} → {replayed.Label}:{replayed.Action}{(replayed.Strike ? "+strike" : "")}";
                changes[change] = changes.GetValueOrDefault(change) + 1;
            }
        }

        return new TrafficChange(days, decisions.Count, changes.Values.Sum(), changes);
    }
}
