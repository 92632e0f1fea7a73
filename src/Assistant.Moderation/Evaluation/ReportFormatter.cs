using System.Globalization;
using System.Text;

namespace Assistant.Moderation.Evaluation;

/// <summary>The evaluation as plain-text tables for the console.</summary>
public static class ReportFormatter
{
    public static string Format(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Model set {report.Version}: {report.HeldOutRows} held-out rows");
        foreach (var classification in new[] { report.Moderation, report.ModerationProjectRows, report.Priority, report.PriorityModelOnly, report.Category, report.Product })
        {
            if (classification is not null)
            {
                Classification(text, classification);
            }
        }

        if (report.ModerationBySource.Count > 0)
        {
            text.AppendLine().AppendLine("Moderation by source (rows, accuracy; recall of each label present; confusion rows ok/abusive/offtopic)");
            foreach (var source in report.ModerationBySource)
            {
                var recalls = string.Join("  ", source.Classes.Where(c => c.Support > 0).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Label} R {c.Recall:0.000} ({c.Support})")));
                var confusion = string.Join(" | ", source.Confusion.Select(r => string.Join(" ", r)));
                text.AppendLine(CultureInfo.InvariantCulture, $"{source.Name,-26} {source.Rows,5}  acc {source.Accuracy:0.000}  {recalls}  [{confusion}]");
            }
        }

        text.AppendLine().AppendLine("Abusive threshold table (model score; FPR over ok+offtopic; ok flagged over ok only)");
        text.AppendLine("threshold  precision  recall  FPR     ok-flagged");
        foreach (var row in report.AbusiveThresholds)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{row.Threshold,9:0.00}  {row.Precision,9:0.000}  {row.Recall,6:0.000}  {row.FalsePositiveRate,6:0.000}  {row.OkFlaggedRate,10:0.000}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Legitimate (ok) messages flagged abusive at the default threshold: {report.OkFlaggedAbusive:0.000}");
        if (report.RuleHits.Count > 0)
        {
            text.AppendLine().AppendLine("Rule decisions on held-out rows: " + string.Join(", ", report.RuleHits.Select(p => $"{p.Key}={p.Value}")));
        }

        if (report.External.Count > 0)
        {
            text.AppendLine().AppendLine("Outside evaluation sets (never trained on)");
            text.AppendLine("set                          positives  negatives  recall  FPR     precision");
            foreach (var check in report.External)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{check.Name,-28} {check.Positives,9}  {check.Negatives,9}  {check.Recall,6:0.000}  {check.FalsePositiveRate,6:0.000}  {check.Precision,9:0.000}");
            }
        }

        foreach (var set in report.Sets)
        {
            MessageSet(text, set);
        }

        return text.ToString();
    }

    /// <summary>A realistic or outside set: the figures of the targets, then one line per kind of message.</summary>
    public static void MessageSet(StringBuilder text, MessageSetReport set)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(set);
        var m = set.Moderation;
        text.AppendLine().AppendLine(CultureInfo.InvariantCulture,
            $"Set {set.Name}: {set.Rows} rows; moderation macro-F1 {m.MacroF1:0.000}, abusive R {m.For(Labels.Abusive)?.Recall:0.000} P {m.For(Labels.Abusive)?.Precision:0.000}, offtopic R {m.For(Labels.Offtopic)?.Recall:0.000}; "
            + $"ok flagged abusive {set.OkFlaggedAbusive:0.0%}, flagged at all {set.OkFlaggedAny:0.0%}, strikes on ok {set.OkStrikes}; "
            + $"priority {set.Priority?.Accuracy:0.000} (urgent R {set.Priority?.For(Labels.Urgent)?.Recall:0.000}, {set.Priority?.For(Labels.Urgent)?.Support} urgent), category {set.Category?.Accuracy:0.000}, product {set.Product?.Accuracy:0.000}");
        text.AppendLine("  label     kind                 rows  right  ->abusive  ->offtopic  strikes");
        foreach (var kind in set.Kinds)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {kind.Label,-9} {kind.Kind,-20} {kind.Rows,4}  {kind.Correct,5}  {kind.AsAbusive,9}  {kind.AsOfftopic,10}  {kind.Strikes,7}");
        }
    }

    private static void Classification(StringBuilder text, ClassificationReport report)
    {
        text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"{report.Name}: {report.Rows} rows, accuracy {report.Accuracy:0.000}, macro-F1 {report.MacroF1:0.000}");
        text.AppendLine("label          support  precision  recall  F1");
        foreach (var c in report.Classes)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{c.Label,-14} {c.Support,7}  {c.Precision,9:0.000}  {c.Recall,6:0.000}  {c.F1,5:0.000}");
        }

        text.Append("confusion (rows true, columns predicted): ").AppendLine(string.Join(" ", report.Labels));
        for (var i = 0; i < report.Labels.Count; i++)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{report.Labels[i],-14} {string.Join(" ", report.Confusion[i].Select(v => v.ToString(CultureInfo.InvariantCulture).PadLeft(6)))}");
        }
    }
}
