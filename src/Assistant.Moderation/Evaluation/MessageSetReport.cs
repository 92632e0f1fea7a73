using Assistant.Moderation.Analysis;
using Assistant.Moderation.Data;
using Assistant.Moderation.Thresholds;

namespace Assistant.Moderation.Evaluation;

/// <summary>
/// What a user of the product would see on one set of realistic messages: how many legitimate messages are flagged
/// (and how many would count a strike), how much abuse and off-topic is caught, triage accuracy, and all of it per kind of
/// message, so a weak spot (veiled threats, SMS spelling...) is not hidden by an average.
/// </summary>
/// <param name="OkFlaggedAbusive">Legitimate messages declined as abusive (refused or asked to rephrase).</param>
/// <param name="OkFlaggedAny">Legitimate messages flagged abusive or off-topic.</param>
/// <param name="OkStrikes">Legitimate messages that would count a strike against their author.</param>
public sealed record MessageSetReport(
    string Name,
    int Rows,
    ClassificationReport Moderation,
    double OkFlaggedAbusive,
    double OkFlaggedAny,
    int OkStrikes,
    ClassificationReport? Priority,
    ClassificationReport? Category,
    ClassificationReport? Product,
    IReadOnlyList<KindRow> Kinds)
{
    public static MessageSetReport Compute(string name, IReadOnlyList<(LabelledMessage Row, MessageAnalysis Analysis)> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var moderation = ClassificationReport.Compute(name, Labels.Moderation, results.Select(r => (r.Row.Moderation, r.Analysis.Moderation.Label)));
        var oks = results.Where(r => r.Row.Moderation == Labels.Ok).ToList();
        var withPriority = results.Where(r => r.Row.Priority is not null).ToList();
        var withCategory = results.Where(r => r.Row.Category is not null).ToList();
        var withProduct = results.Where(r => r.Row.Product is not null).ToList();
        var kinds = results
            .GroupBy(r => (r.Row.Moderation, Kind: r.Row.Kind ?? "(none)"))
            .OrderBy(g => Labels.Moderation.ToList().IndexOf(g.Key.Moderation)).ThenBy(g => g.Key.Kind, StringComparer.Ordinal)
            .Select(g => KindRow.Of(g.Key.Moderation, g.Key.Kind, [.. g]))
            .ToList();
        return new MessageSetReport(
            name,
            results.Count,
            moderation,
            Rate(oks, r => r.Analysis.Moderation.Label == Labels.Abusive),
            Rate(oks, r => r.Analysis.Moderation.Label != Labels.Ok),
            oks.Count(r => r.Analysis.Moderation.Strike),
            withPriority.Count == 0 ? null : ClassificationReport.Compute("priority", Labels.Priorities, withPriority.Select(r => (r.Row.Priority!, r.Analysis.Triage.Priority))),
            withCategory.Count == 0 ? null : ClassificationReport.Compute("category", Labels.Categories, withCategory.Select(r => (r.Row.Category!, r.Analysis.Triage.Category))),
            withProduct.Count == 0 ? null : ClassificationReport.Compute("product", Labels.Products, withProduct.Select(r => (r.Row.Product!, r.Analysis.Triage.Product))),
            kinds);
    }

    /// <summary>The figures the README's targets are stated on, keyed <c>&lt;prefix&gt;.&lt;metric&gt;</c>.</summary>
    public void AddTo(IDictionary<string, double> summary, string prefix)
    {
        ArgumentNullException.ThrowIfNull(summary);
        summary[$"{prefix}.moderation.macroF1"] = Moderation.MacroF1;
        summary[$"{prefix}.abusive.recall"] = Moderation.For(Labels.Abusive)?.Recall ?? 0;
        summary[$"{prefix}.offtopic.recall"] = Moderation.For(Labels.Offtopic)?.Recall ?? 0;
        summary[$"{prefix}.ok.flaggedAbusive"] = OkFlaggedAbusive;
        summary[$"{prefix}.ok.flaggedAny"] = OkFlaggedAny;
        summary[$"{prefix}.ok.strikes"] = OkStrikes;
        if (Priority is not null)
        {
            summary[$"{prefix}.priority.accuracy"] = Priority.Accuracy;
            summary[$"{prefix}.urgent.recall"] = Priority.For(Labels.Urgent)?.Recall ?? 0;
        }

        if (Category is not null)
        {
            summary[$"{prefix}.category.accuracy"] = Category.Accuracy;
        }

        if (Product is not null)
        {
            summary[$"{prefix}.product.accuracy"] = Product.Accuracy;
        }
    }

    private static double Rate<T>(IReadOnlyCollection<T> rows, Func<T, bool> predicate) =>
        rows.Count == 0 ? 0 : (double)rows.Count(predicate) / rows.Count;
}

/// <summary>One kind of message of a set: how many, how many decided right, and what the wrong ones became.</summary>
/// <param name="Correct">Rows whose moderation label is right (for <c>ok</c> rows: let through).</param>
/// <param name="AsAbusive">Rows decided abusive; for legitimate kinds, the harm done.</param>
/// <param name="Strikes">Rows that would count a strike.</param>
public sealed record KindRow(string Label, string Kind, int Rows, int Correct, int AsAbusive, int AsOfftopic, int Strikes)
{
    public static KindRow Of(string label, string kind, IReadOnlyList<(LabelledMessage Row, MessageAnalysis Analysis)> rows) => new(
        label,
        kind,
        rows.Count,
        rows.Count(r => r.Analysis.Moderation.Label == r.Row.Moderation),
        rows.Count(r => r.Analysis.Moderation.Label == Labels.Abusive),
        rows.Count(r => r.Analysis.Moderation.Label == Labels.Offtopic),
        rows.Count(r => r.Analysis.Moderation.Strike));
}

/// <summary>Scores a realistic set as served.</summary>
public static class MessageSets
{
    public static MessageSetReport Evaluate(string name, Serving.ModelSet set, ModerationThresholds thresholds, IEnumerable<LabelledMessage> rows) =>
        MessageSetReport.Compute(name, [.. rows.Select(r => (r, ModelSetAnalysis.Analyze(set, thresholds, r.Text)))]);
}
