using Assistant.Moderation.Analysis;
using Assistant.Moderation.Data;
using Assistant.Moderation.Serving;
using Assistant.Moderation.Thresholds;
using Assistant.Moderation.Training;

namespace Assistant.Moderation.Evaluation;

/// <summary>Scores a model set on the held-out split exactly as it is served (models, rules, default thresholds).</summary>
public static class ModelSetEvaluator
{
    public static readonly IReadOnlyList<double> Thresholds = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

    /// <summary>Held-out rows of these files make the realistic evaluation set, reported as a whole and per file.</summary>
    public const string RealisticPrefix = "project:realistic-";

    /// <param name="outside">The blind sets (<see cref="TrainingDataLoader.LoadOutside"/>), reported like the realistic set.</param>
    public static EvaluationReport Evaluate(
        ModelSet set,
        IReadOnlyList<LabelledMessage> heldOut,
        string? sharedDataDirectory,
        DateTimeOffset now,
        IReadOnlyList<(string Name, IReadOnlyList<LabelledMessage> Rows)>? outside = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(heldOut);
        var thresholds = ModerationThresholds.Defaults;
        var results = heldOut.Select(row => (Row: row, Analysis: ModelSetAnalysis.Analyze(set, thresholds, row.Text))).ToList();

        var moderation = ClassificationReport.Compute("moderation", Labels.Moderation, results.Select(r => (r.Row.Moderation, r.Analysis.Moderation.Label)));
        var projectRows = results.Where(r => r.Row.Source.StartsWith("project:", StringComparison.Ordinal)).ToList();
        var moderationProject = projectRows.Count == 0
            ? null
            : ClassificationReport.Compute("moderation (project rows)", Labels.Moderation, projectRows.Select(r => (r.Row.Moderation, r.Analysis.Moderation.Label)));

        var bySource = results
            .GroupBy(r => r.Row.Source.StartsWith("project:dialog-", StringComparison.Ordinal) ? "project:dialog-*"
                : r.Row.Source.StartsWith("project:", StringComparison.Ordinal) ? "project:*" : r.Row.Source)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => ClassificationReport.Compute(g.Key, Labels.Moderation, g.Select(r => (r.Row.Moderation, r.Analysis.Moderation.Label))))
            .ToList();

        var withPriority = results.Where(r => r.Row.Priority is not null).ToList();
        var priorityModel = set.Get(ModelKinds.Priority);
        var priority = withPriority.Count == 0 ? null
            : ClassificationReport.Compute("priority (model + rules)", Labels.Priorities, withPriority.Select(r => (r.Row.Priority!, r.Analysis.Triage.Priority)));
        var priorityModelOnly = withPriority.Count == 0 || priorityModel is null ? null
            : ClassificationReport.Compute("priority (model only)", Labels.Priorities, withPriority.Select(r => (r.Row.Priority!, priorityModel.Predict(TextNormalizer.ForModel(r.Row.Text)).Label)));
        var withCategory = results.Where(r => r.Row.Category is not null).ToList();
        var category = withCategory.Count == 0 ? null
            : ClassificationReport.Compute("category", Labels.Categories, withCategory.Select(r => (r.Row.Category!, r.Analysis.Triage.Category)));
        var withProduct = results.Where(r => r.Row.Product is not null).ToList();
        var product = withProduct.Count == 0 ? null
            : ClassificationReport.Compute("product", Labels.Products, withProduct.Select(r => (r.Row.Product!, r.Analysis.Triage.Product)));

        var table = Thresholds.Select(t => ThresholdRowAt(t, results.Select(r => (r.Row.Moderation, r.Analysis.Moderation.Scores.Abusive)).ToList())).ToList();
        var okRows = results.Where(r => r.Row.Moderation == Labels.Ok).ToList();
        var okFlagged = okRows.Count == 0 ? 0 : (double)okRows.Count(r => r.Analysis.Moderation.Label == Labels.Abusive) / okRows.Count;

        var ruleHits = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (row, analysis) in results)
        {
            if (analysis.Moderation.DecidedBy.StartsWith("rule:", StringComparison.Ordinal))
            {
                Count(analysis.Moderation.DecidedBy, row.Moderation == analysis.Moderation.Label);
            }

            if (analysis.Triage.PriorityDecidedBy.StartsWith("rule:", StringComparison.Ordinal) && row.Priority is not null)
            {
                Count(analysis.Triage.PriorityDecidedBy, row.Priority == Labels.Urgent);
            }
        }

        var external = sharedDataDirectory is null ? [] : ExternalBenchmarks.Run(set, thresholds, sharedDataDirectory);
        var summary = Summarize(moderation, moderationProject, priority, category, product, okFlagged, external);
        var sets = new List<MessageSetReport>();
        var realistic = results.Where(r => r.Row.Source.StartsWith(RealisticPrefix, StringComparison.Ordinal)).ToList();
        if (realistic.Count > 0)
        {
            sets.Add(MessageSetReport.Compute("realistic", realistic));
            sets.AddRange(realistic.GroupBy(r => r.Row.Source["project:".Length..^".csv".Length]).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => MessageSetReport.Compute(g.Key, [.. g])));
        }

        foreach (var (name, rows) in outside ?? [])
        {
            sets.Add(MessageSets.Evaluate(name, set, thresholds, rows));
        }

        foreach (var report in sets)
        {
            report.AddTo(summary, report.Name);
        }

        return new EvaluationReport(set.Version, now, heldOut.Count, moderation, moderationProject, priority, priorityModelOnly,
            category, product, table, okFlagged, external, ruleHits, summary)
        {
            ModerationBySource = bySource,
            Sets = sets,
        };

        void Count(string rule, bool correct)
        {
            ruleHits[rule] = ruleHits.GetValueOrDefault(rule) + 1;
            var key = rule + (correct ? ".correct" : ".wrong");
            ruleHits[key] = ruleHits.GetValueOrDefault(key) + 1;
        }
    }

    /// <summary>
    /// How many of <paramref name="rows"/> the set decides as labelled, scored as served (models, rules, default
    /// thresholds). For relabelled messages, this says whether a set learned them, which held-out metrics cannot show.
    /// </summary>
    public static int CountDecidedAsLabelled(ModelSet set, IEnumerable<LabelledMessage> rows)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(rows);
        return rows.Count(r => ModelSetAnalysis.Analyze(set, ModerationThresholds.Defaults, r.Text).Moderation.Label == r.Moderation);
    }

    private static ThresholdRow ThresholdRowAt(double threshold, IReadOnlyList<(string Actual, float Score)> scored)
    {
        var positives = scored.Count(s => s.Actual == Labels.Abusive);
        var negatives = scored.Count - positives;
        var oks = scored.Count(s => s.Actual == Labels.Ok);
        var flagged = scored.Where(s => s.Score >= threshold).ToList();
        var truePositives = flagged.Count(s => s.Actual == Labels.Abusive);
        return new ThresholdRow(
            threshold,
            flagged.Count == 0 ? 0 : (double)truePositives / flagged.Count,
            positives == 0 ? 0 : (double)truePositives / positives,
            negatives == 0 ? 0 : (double)(flagged.Count - truePositives) / negatives,
            oks == 0 ? 0 : (double)flagged.Count(s => s.Actual == Labels.Ok) / oks);
    }

    private static Dictionary<string, double> Summarize(
        ClassificationReport moderation,
        ClassificationReport? project,
        ClassificationReport? priority,
        ClassificationReport? category,
        ClassificationReport? product,
        double okFlagged,
        IReadOnlyList<BinaryCheck> external)
    {
        var summary = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["moderation.macroF1"] = moderation.MacroF1,
            ["moderation.accuracy"] = moderation.Accuracy,
            ["ok.flaggedAbusive"] = okFlagged,
        };
        foreach (var c in moderation.Classes)
        {
            summary[$"{c.Label}.precision"] = c.Precision;
            summary[$"{c.Label}.recall"] = c.Recall;
            summary[$"{c.Label}.f1"] = c.F1;
        }

        if (project is not null)
        {
            summary["project.moderation.macroF1"] = project.MacroF1;
            summary["project.abusive.recall"] = project.For(Labels.Abusive)?.Recall ?? 0;
            summary["project.offtopic.recall"] = project.For(Labels.Offtopic)?.Recall ?? 0;
        }

        if (priority is not null)
        {
            summary["priority.accuracy"] = priority.Accuracy;
            summary["priority.macroF1"] = priority.MacroF1;
            summary["urgent.recall"] = priority.For(Labels.Urgent)?.Recall ?? 0;
            summary["urgent.precision"] = priority.For(Labels.Urgent)?.Precision ?? 0;
        }

        if (category is not null)
        {
            summary["category.accuracy"] = category.Accuracy;
            summary["category.macroF1"] = category.MacroF1;
        }

        if (product is not null)
        {
            summary["product.accuracy"] = product.Accuracy;
            summary["product.macroF1"] = product.MacroF1;
        }

        foreach (var check in external)
        {
            summary[$"{check.Name}.recall"] = check.Recall;
            if (check.Negatives > 0)
            {
                summary[$"{check.Name}.falsePositiveRate"] = check.FalsePositiveRate;
            }
        }

        return summary;
    }
}
