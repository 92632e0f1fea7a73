using System.Globalization;
using Assistant.Moderation.Analysis;
using Assistant.Moderation.Data;
using Assistant.Moderation.Evaluation;
using Assistant.Moderation.Thresholds;
using Assistant.Moderation.Training;

namespace Assistant.Moderation.Cli;

/// <summary>
/// <c>tune --cv K</c>: K-fold cross-validation over the training side (never the held-out rows), to choose the trainer
/// settings and the default thresholds on more rows than the validation slice holds. Each fold trains on the others and
/// is scored as served; the figures printed are the means over the folds, on the realistic rows and on all project rows.
/// </summary>
internal static class CrossValidation
{
    private static readonly float[] AbusiveThresholds = [0.5f, 0.6f, 0.65f, 0.7f, 0.75f, 0.8f];
    private static readonly float[] OfftopicThresholds = [0.5f, 0.6f, 0.7f];
    private static readonly float[] StrikeThresholds = [0.95f, 0.98f, 0.99f];

    public static void Run(IReadOnlyList<LabelledMessage> train, int folds, TrainerSettings settings)
    {
        var results = new Dictionary<(float Abusive, float Offtopic, float Strike), List<(MessageSetReport Realistic, MessageSetReport Project)>>();
        var triage = new List<(MessageSetReport Realistic, MessageSetReport Project)>();
        var urgent = new Dictionary<float, List<(double Recall, double Precision, double Accuracy)>>();
        for (var fold = 0; fold < folds; fold++)
        {
            var fit = train.Where(r => HeldOutSplit.Fold(r.Text, folds) != fold).ToList();
            var scored = train.Where(r => HeldOutSplit.Fold(r.Text, folds) == fold)
                .Where(r => r.Source.StartsWith("project:", StringComparison.Ordinal))
                .ToList();
            var set = ModelSetTrainer.Train(fit, $"cv-{fold}", settings).Set;
            var analysed = scored.Select(r => (Row: r, Analysis: ModelSetAnalysis.Analyze(set, ModerationThresholds.Defaults, r.Text))).ToList();
            Console.WriteLine($"fold {fold + 1}/{folds}: trained on {fit.Count} rows, scoring {analysed.Count} project rows");
            // Triage does not depend on the moderation thresholds: one report per fold, as served.
            var servedRealistic = MessageSetReport.Compute("realistic", [.. analysed.Where(a => a.Row.Source.StartsWith(ModelSetEvaluator.RealisticPrefix, StringComparison.Ordinal))]);
            var servedProject = MessageSetReport.Compute("project", analysed);
            triage.Add((servedRealistic, servedProject));
            Console.WriteLine(TriageLine($"fold {fold + 1}", [(servedRealistic, servedProject)]));
            UrgentCutOffs(set, scored, urgent);
            foreach (var abusive in AbusiveThresholds)
            {
                foreach (var offtopic in OfftopicThresholds)
                {
                    foreach (var strike in StrikeThresholds)
                    {
                        var policy = new ModerationThresholds(new LabelPolicy(abusive, ModerationActions.Refuse), new LabelPolicy(offtopic, ModerationActions.Warn))
                        {
                            Strike = Math.Max(strike, abusive),
                        };
                        var replayed = analysed.Select(a => (a.Row, a.Analysis with
                        {
                            Moderation = ModelSetAnalysis.Replay(a.Analysis.Moderation.Scores, a.Analysis.Moderation.DecidedBy, policy),
                        })).ToList();
                        var realistic = MessageSetReport.Compute("realistic", [.. replayed.Where(r => r.Row.Source.StartsWith(ModelSetEvaluator.RealisticPrefix, StringComparison.Ordinal))]);
                        var project = MessageSetReport.Compute("project", replayed);
                        var key = (abusive, offtopic, strike);
                        if (!results.TryGetValue(key, out var list))
                        {
                            results[key] = list = [];
                        }

                        list.Add((realistic, project));
                    }
                }
            }
        }

        Console.WriteLine("abusive offtopic strike | realistic: ok->abusive ok->any strikes-on-ok abusive-R offtopic-R macroF1 urgent-R category product | project rows: ok->abusive ok->any abusive-R offtopic-R macroF1");
        foreach (var ((abusive, offtopic, strike), list) in results.OrderBy(r => r.Key.Abusive).ThenBy(r => r.Key.Offtopic).ThenBy(r => r.Key.Strike))
        {
            double Mean(Func<(MessageSetReport Realistic, MessageSetReport Project), double> value) => list.Average(value);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{abusive,7:0.00} {offtopic,8:0.00} {strike,6:0.00} | {Mean(r => r.Realistic.OkFlaggedAbusive):P1} {Mean(r => r.Realistic.OkFlaggedAny):P1} {Mean(r => r.Realistic.OkStrikes):0.0} {Mean(r => Recall(r.Realistic, Labels.Abusive)):0.000} {Mean(r => Recall(r.Realistic, Labels.Offtopic)):0.000} {Mean(r => r.Realistic.Moderation.MacroF1):0.000} {Mean(r => r.Realistic.Priority?.For(Labels.Urgent)?.Recall ?? 0):0.000} {Mean(r => r.Realistic.Category?.Accuracy ?? 0):0.000} {Mean(r => r.Realistic.Product?.Accuracy ?? 0):0.000}"
                + $" | {Mean(r => r.Project.OkFlaggedAbusive):P1} {Mean(r => r.Project.OkFlaggedAny):P1} {Mean(r => Recall(r.Project, Labels.Abusive)):0.000} {Mean(r => Recall(r.Project, Labels.Offtopic)):0.000} {Mean(r => r.Project.Moderation.MacroF1):0.000}"));
        }

        Console.WriteLine("triage, mean over the folds | realistic: priority-exact urgent-R urgent-P category product | project rows: priority-exact urgent-R urgent-P category product");
        Console.WriteLine(TriageLine("mean", triage));
        foreach (var (cutOff, list) in urgent.OrderByDescending(u => u.Key))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"project rows, urgent score >= {cutOff:0.00}: urgent R {list.Average(u => u.Recall):0.000} P {list.Average(u => u.Precision):0.000} priority exact {list.Average(u => u.Accuracy):0.000}"));
        }
    }

    // The urgent cut-off (ModelSetAnalysis.UrgentScore) on the fold's project rows, rules first as served.
    private static void UrgentCutOffs(Serving.ModelSet set, IReadOnlyList<LabelledMessage> rows, Dictionary<float, List<(double Recall, double Precision, double Accuracy)>> results)
    {
        var model = set.Get(ModelKinds.Priority);
        var withPriority = rows.Where(r => r.Priority is not null)
            .Select(r => (Row: r, Prediction: model?.Predict(TextNormalizer.ForModel(r.Text)), Rule: Rules.TriageRules.MatchUrgent(TextNormalizer.ForMatching(TextNormalizer.ForModel(r.Text)))))
            .ToList();
        foreach (var cutOff in new[] { 0.4f, 0.35f, 0.3f, 0.25f, 0.2f })
        {
            var report = ClassificationReport.Compute("priority", Labels.Priorities,
                withPriority.Select(p => (p.Row.Priority!, ModelSetAnalysis.PriorityFrom(p.Prediction, p.Rule, cutOff))));
            if (!results.TryGetValue(cutOff, out var list))
            {
                results[cutOff] = list = [];
            }

            list.Add((report.For(Labels.Urgent)!.Recall, report.For(Labels.Urgent)!.Precision, report.Accuracy));
        }
    }

    private static string TriageLine(string name, IReadOnlyList<(MessageSetReport Realistic, MessageSetReport Project)> reports)
    {
        double Mean(Func<(MessageSetReport Realistic, MessageSetReport Project), double> value) => reports.Average(value);
        static string Figures(Func<Func<MessageSetReport, double>, double> mean) => string.Create(CultureInfo.InvariantCulture,
            $"{mean(r => r.Priority?.Accuracy ?? 0):0.000} {mean(r => r.Priority?.For(Labels.Urgent)?.Recall ?? 0):0.000} {mean(r => r.Priority?.For(Labels.Urgent)?.Precision ?? 0):0.000} {mean(r => r.Category?.Accuracy ?? 0):0.000} {mean(r => r.Product?.Accuracy ?? 0):0.000}");
        return $"triage {name} | {Figures(f => Mean(r => f(r.Realistic)))} | {Figures(f => Mean(r => f(r.Project)))}";
    }

    private static double Recall(MessageSetReport report, string label) => report.Moderation.For(label)?.Recall ?? 0;
}
