using System.Globalization;
using System.Text.Json;
using Assistant.Moderation;
using Assistant.Moderation.Analysis;
using Assistant.Moderation.Cli;
using Assistant.Moderation.Data;
using Assistant.Moderation.Evaluation;
using Assistant.Moderation.Rules;
using Assistant.Moderation.Serving;
using Assistant.Moderation.Thresholds;
using Assistant.Moderation.Training;

// Training, evaluation and data import for the moderation and triage models.
const string Usage = """
    usage: <command> [--data DIR] [--models DIR] [--training-data DIR] [--shared DIR]
      train [--no-promote]   train on the training split, evaluate on the held-out split, save a versioned set,
                             promote it when it passes the gate
      evaluate [--version V] evaluate the promoted (or given) set on the held-out split and the outside sets
      promote --version V    make V the served set (only if its manifest passed the gate)
      list                   list the saved model sets
      analyze TEXT...        analyse texts with the promoted set (scores, labels, which rule or model decided)
      tune [--report] [--show-errors] [--thresholds] [--l2 a,b] [--project a,b] [--tweets a,b] [--word n,m] [--char n,m]
                             train on the training split minus a validation slice and score on that slice
                             (never the held-out split); prints the threshold table to choose defaults from
      tune --cv K [--l2 a] [--project a] [--tweets a] [--urgency-cues 0|1]
                             K-fold cross-validation over the training split: mean figures per abusive, off-topic
                             and strike threshold, on the realistic rows and on all project rows
      tune --rules           every rule decision on the training split, with the rows it gets wrong
      import-public          copy the public rows we train on into the project's Data/public folder
    """;

if (args.Length == 0)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

var options = new Dictionary<string, string>(StringComparer.Ordinal);
var texts = new List<string>();
for (var i = 1; i < args.Length; i++)
{
    if (args[0] == "analyze" && !args[i].StartsWith("--", StringComparison.Ordinal))
    {
        texts.Add(args[i]);
        continue;
    }

    if (!args[i].StartsWith("--", StringComparison.Ordinal))
    {
        Console.Error.WriteLine($"unexpected argument '{args[i]}'\n{Usage}");
        return 2;
    }

    var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
    options[args[i][2..]] = hasValue ? args[++i] : "true";
}

var paths = CliPaths.From(options);
var store = new ModelStore(paths.ModelsDirectory);
try
{
    switch (args[0])
    {
        case "train":
        {
            Console.WriteLine($"training data: {paths.TrainingData}\nmodels: {paths.ModelsDirectory}\nshared data: {paths.SharedData ?? "(none: outside sets skipped)"}");
            var outcome = ModelTrainingJob.Run(paths.TrainingData, store, new PromotionGate(), paths.SharedData, promote: !options.ContainsKey("no-promote"), DateTimeOffset.UtcNow);
            foreach (var rejected in outcome.Data.Rejected)
            {
                Console.WriteLine($"skipped {rejected.Source} line {rejected.Line}: {rejected.Reason}");
            }

            Console.WriteLine($"rows: {outcome.Data.Rows.Count} from {outcome.Data.Files.Count} files; held out: {outcome.Manifest.HeldOutRows}; trained in {outcome.Manifest.TrainingSeconds:0.0} s");
            Console.WriteLine(ReportFormatter.Format(outcome.Report));
            Console.WriteLine(outcome.Manifest.Gate.Passed ? "gate: passed" : "gate: FAILED: " + string.Join("; ", outcome.Manifest.Gate.Failures));
            Console.WriteLine($"version {outcome.Manifest.Version} {(outcome.Saved ? "saved" : "already existed")}{(outcome.Promoted ? " and promoted" : ", not promoted")}");
            return outcome.Manifest.Gate.Passed ? 0 : 1;
        }

        case "evaluate":
        {
            var version = options.GetValueOrDefault("version") ?? store.CurrentVersion()
                ?? throw new InvalidOperationException($"No promoted model set in {paths.ModelsDirectory}; run train first.");
            var set = store.Load(version);
            var data = TrainingDataLoader.Load(paths.TrainingData);
            var (_, test) = HeldOutSplit.Split(data.Rows);
            var report = ModelSetEvaluator.Evaluate(set, test, paths.SharedData, DateTimeOffset.UtcNow, TrainingDataLoader.LoadOutside(paths.TrainingData));
            store.WriteEvaluation(version, report);
            Console.WriteLine(ReportFormatter.Format(report));
            Console.WriteLine($"written to {Path.Combine(store.VersionDirectory(version), "evaluation.json")}");
            return 0;
        }

        case "tune":
        {
            // Tuning sees the training split only: it trains without a validation slice and scores on that slice.
            var data = TrainingDataLoader.Load(paths.TrainingData);
            var (train, _) = HeldOutSplit.Split(data.Rows);
            var fit = train.Where(r => !HeldOutSplit.IsValidation(r.Text)).ToList();
            var validation = train.Where(r => HeldOutSplit.IsValidation(r.Text)).ToList();
            Console.WriteLine($"tuning on {fit.Count} rows, validating on {validation.Count} rows of the training split");
            if (options.TryGetValue("cv", out var cv))
            {
                var d0 = TrainerSettings.Default;
                CrossValidation.Run(train, int.Parse(cv, CultureInfo.InvariantCulture), new TrainerSettings(
                    Floats("l2", d0.L2Regularization).First(), Floats("project", d0.ProjectRowWeight).First(), Floats("tweets", d0.TweetRowWeight).First(),
                    (int)Floats("word", d0.WordNgramLength).First(), (int)Floats("char", d0.CharNgramLength).First(),
                    UrgencyCues: Floats("urgency-cues", d0.UrgencyCues ? 1 : 0).First() != 0));
                return 0;
            }

            if (options.ContainsKey("rules"))
            {
                // Rules are not trained, so their precision can be read on the whole training split (never the held-out rows).
                RuleCheck(train);
                return 0;
            }

            var d = TrainerSettings.Default;
            var grid =
                from l2 in Floats("l2", d.L2Regularization)
                from projectWeight in Floats("project", d.ProjectRowWeight)
                from tweetWeight in Floats("tweets", d.TweetRowWeight)
                from word in Floats("word", d.WordNgramLength)
                from chars in Floats("char", d.CharNgramLength)
                select new TrainerSettings(l2, projectWeight, tweetWeight, (int)word, (int)chars);
            foreach (var settings in grid)
            {
                var set = ModelSetTrainer.Train(fit, "tune", settings).Set;
                var evaluation = ModelSetEvaluator.Evaluate(set, validation, null, DateTimeOffset.UtcNow);
                var m = evaluation.Summary;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{settings}: macroF1 {m["moderation.macroF1"]:0.000} abusive R {m["abusive.recall"]:0.000} P {m["abusive.precision"]:0.000} ok->abusive {m["ok.flaggedAbusive"]:0.000} offtopic R {m["offtopic.recall"]:0.000} project macroF1 {m.GetValueOrDefault("project.moderation.macroF1"):0.000} project abusive R {m.GetValueOrDefault("project.abusive.recall"):0.000} priority {m.GetValueOrDefault("priority.accuracy"):0.000} urgent R {m.GetValueOrDefault("urgent.recall"):0.000} category {m.GetValueOrDefault("category.accuracy"):0.000} product {m.GetValueOrDefault("product.accuracy"):0.000}"));
                if (options.ContainsKey("report"))
                {
                    Console.WriteLine(ReportFormatter.Format(evaluation));
                }

                if (options.ContainsKey("show-errors"))
                {
                    foreach (var row in validation)
                    {
                        var analysis = ModelSetAnalysis.Analyze(set, ModerationThresholds.Defaults, row.Text);
                        if (analysis.Moderation.Label != row.Moderation && row.Source.StartsWith("project:", StringComparison.Ordinal))
                        {
                            Console.WriteLine($"  moderation {row.Moderation}->{analysis.Moderation.Label} [{row.Source}] {row.Text}");
                        }

                        if (row.Priority is not null && (row.Priority == "urgent") != (analysis.Triage.Priority == "urgent"))
                        {
                            Console.WriteLine($"  priority {row.Priority}->{analysis.Triage.Priority} ({analysis.Triage.PriorityDecidedBy}) {row.Text}");
                        }
                    }
                }

                foreach (var row in evaluation.AbusiveThresholds)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"    abusive >= {row.Threshold:0.00}: recall {row.Recall:0.000} precision {row.Precision:0.000} FPR {row.FalsePositiveRate:0.000} ok flagged {row.OkFlaggedRate:0.000}"));
                }

                if (options.ContainsKey("thresholds"))
                {
                    ThresholdGrid(set, validation);
                    UrgentGrid(set, validation);
                }
            }

            return 0;
        }

        case "analyze":
        {
            var version = store.CurrentVersion() ?? throw new InvalidOperationException($"No promoted model set in {paths.ModelsDirectory}; run train first.");
            var set = store.Load(version);
            foreach (var text in texts)
            {
                var analysis = ModelSetAnalysis.Analyze(set, ModerationThresholds.Defaults, text);
                Console.WriteLine($"{text}\n  {analysis.Moderation} {analysis.Triage} held-out={HeldOutSplit.IsHeldOut(text)}");
            }

            return 0;
        }

        case "promote":
        {
            var version = options.GetValueOrDefault("version") ?? throw new ArgumentException("promote needs --version");
            var manifest = store.ReadManifest(version);
            if (!manifest.Gate.Passed)
            {
                Console.Error.WriteLine($"{version} failed the gate ({string.Join("; ", manifest.Gate.Failures)}); not promoted.");
                return 1;
            }

            store.SetCurrent(version);
            Console.WriteLine($"{version} promoted; running hosts pick it up without a restart.");
            return 0;
        }

        case "list":
        {
            var current = store.CurrentVersion();
            foreach (var manifest in store.ListVersions())
            {
                var macro = manifest.Metrics.GetValueOrDefault("moderation.macroF1").ToString("0.000", CultureInfo.InvariantCulture);
                Console.WriteLine($"{(manifest.Version == current ? "*" : " ")} {manifest.Version}  trained {manifest.TrainedAt:u}  macro-F1 {macro}  gate {(manifest.Gate.Passed ? "passed" : "failed")}");
            }

            return 0;
        }

        case "import-public":
        {
            var shared = paths.SharedData ?? throw new InvalidOperationException("No shared data folder found; pass --shared DIR.");
            foreach (var result in PublicDataImporter.Import(shared, paths.TrainingData))
            {
                Console.WriteLine($"{result.File}: {result.Rows} rows ({JsonSerializer.Serialize(result.PerLabel)})");
            }

            return 0;
        }

        default:
            Console.Error.WriteLine(Usage);
            return 2;
    }
}
catch (Exception ex) when (ex is IOException or InvalidOperationException or ArgumentException or InvalidDataException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 1;
}

// A comma-separated list of values for one tuning knob, or the default alone.
IEnumerable<float> Floats(string name, float fallback) =>
    options.TryGetValue(name, out var list)
        ? list.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToList()
        : [fallback];

// Both thresholds together on the validation slice, as served (rules first, abusive before off-topic):
// all rows and the project's own rows, so the defaults are chosen without the held-out split.
static void ThresholdGrid(ModelSet set, IReadOnlyList<LabelledMessage> rows)
{
    var scored = rows.Select(r => (Row: r, Analysis: ModelSetAnalysis.Analyze(set, ModerationThresholds.Defaults, r.Text))).ToList();
    foreach (var abusive in new[] { 0.1f, 0.15f, 0.2f, 0.25f, 0.3f, 0.35f, 0.4f })
    {
        foreach (var offtopic in new[] { 0.3f, 0.4f, 0.5f, 0.6f })
        {
            var policy = new ModerationThresholds(new LabelPolicy(abusive, ModerationActions.Refuse), new LabelPolicy(offtopic, ModerationActions.Warn));
            var decided = scored.Select(s => (s.Row, Label: s.Analysis.Moderation.DecidedBy == ModerationRules.PlainAnswer ? Labels.Ok
                : ModelSetAnalysis.Decide(s.Analysis.Moderation.Scores,
                    s.Analysis.Moderation.DecidedBy.StartsWith("rule:", StringComparison.Ordinal) ? s.Analysis.Moderation.DecidedBy : null, policy).Label)).ToList();
            var all = ClassificationReport.Compute("all", Labels.Moderation, decided.Select(d => (d.Row.Moderation, d.Label)));
            var project = ClassificationReport.Compute("project", Labels.Moderation,
                decided.Where(d => d.Row.Source.StartsWith("project:", StringComparison.Ordinal)).Select(d => (d.Row.Moderation, d.Label)));
            var oks = decided.Where(d => d.Row.Moderation == Labels.Ok).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    abusive {abusive:0.00} offtopic {offtopic:0.00}: macroF1 {all.MacroF1:0.000} abusive R {all.For(Labels.Abusive)!.Recall:0.000} offtopic R {all.For(Labels.Offtopic)!.Recall:0.000} ok->abusive {oks.Count(d => d.Label == Labels.Abusive) / (double)oks.Count:0.000} ok->offtopic {oks.Count(d => d.Label == Labels.Offtopic) / (double)oks.Count:0.000} | project macroF1 {project.MacroF1:0.000} abusive R {project.For(Labels.Abusive)!.Recall:0.000} offtopic R {project.For(Labels.Offtopic)!.Recall:0.000}"));
        }
    }
}

// Urgent probability thresholds on the validation slice: urgent recall and precision, and what they cost in accuracy.
static void UrgentGrid(ModelSet set, IReadOnlyList<LabelledMessage> rows)
{
    var model = set.Get(ModelKinds.Priority);
    var withPriority = rows.Where(r => r.Priority is not null)
        .Select(r => (Row: r, Prediction: model?.Predict(TextNormalizer.ForModel(r.Text)), Rule: TriageRules.MatchUrgent(TextNormalizer.ForMatching(r.Text))))
        .ToList();
    foreach (var urgent in new[] { 1.01f, 0.5f, 0.4f, 0.35f, 0.3f, 0.25f, 0.2f, 0.15f, 0.1f })
    {
        var report = ClassificationReport.Compute("priority", Labels.Priorities,
            withPriority.Select(p => (p.Row.Priority!, ModelSetAnalysis.PriorityFrom(p.Prediction, p.Rule, urgent))));
        var u = report.For(Labels.Urgent)!;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    urgent score >= {urgent:0.00}: priority accuracy {report.Accuracy:0.000} urgent R {u.Recall:0.000} P {u.Precision:0.000}"));
    }
}

// Every rule decision on the training split, with the rows it gets wrong and the urgent rows no rule catches.
void RuleCheck(IReadOnlyList<LabelledMessage> rows)
{
    var hits = new SortedDictionary<string, (int Correct, int Wrong)>(StringComparer.Ordinal);
    foreach (var row in rows)
    {
        var matching = TextNormalizer.ForMatching(row.Text);
        if (ModerationRules.Match(matching) is { } moderationRule)
        {
            var (c, w) = hits.GetValueOrDefault(moderationRule);
            hits[moderationRule] = row.Moderation == Labels.Abusive ? (c + 1, w) : (c, w + 1);
            if (row.Moderation != Labels.Abusive)
            {
                Console.WriteLine($"  {moderationRule} on {row.Moderation}: {row.Text}");
            }
        }

        if (ModerationRules.IsPlainAnswer(matching))
        {
            var (c, w) = hits.GetValueOrDefault(ModerationRules.PlainAnswer);
            hits[ModerationRules.PlainAnswer] = row.Moderation == Labels.Ok ? (c + 1, w) : (c, w + 1);
            if (row.Moderation != Labels.Ok)
            {
                Console.WriteLine($"  {ModerationRules.PlainAnswer} on {row.Moderation}: {row.Text}");
            }
        }

        if (row.Priority is null)
        {
            continue;
        }

        if (TriageRules.MatchUrgent(matching) is { } urgentRule)
        {
            var (c, w) = hits.GetValueOrDefault(urgentRule);
            hits[urgentRule] = row.Priority == Labels.Urgent ? (c + 1, w) : (c, w + 1);
            if (row.Priority != Labels.Urgent)
            {
                Console.WriteLine($"  {urgentRule} on {row.Priority}: {row.Text}");
            }
        }
        else if (row.Priority == Labels.Urgent && options.ContainsKey("missed"))
        {
            Console.WriteLine($"  no rule on urgent: {row.Text}");
        }
    }

    foreach (var (rule, (correct, wrong)) in hits)
    {
        Console.WriteLine($"{rule}: {correct} correct, {wrong} wrong");
    }
}
