using Assistant.Moderation.Data;
using Assistant.Moderation.Evaluation;
using Assistant.Moderation.Serving;

namespace Assistant.Moderation.Training;

/// <summary>
/// Load the labelled data, train on the training split, evaluate on the held-out split, save the versioned
/// set with its manifest, and promote it when it passes the gate. Used by the CLI, at first start and by the
/// admin console's retraining (which adds the messages the team relabelled).
/// </summary>
public static class ModelTrainingJob
{
    /// <param name="HeldOut">The held-out rows the set was evaluated on: another set evaluated on them is compared like for like.</param>
    /// <param name="Relabelled">Relabelled messages added to the training split (one per distinct text: the latest wins).</param>
    /// <param name="RelabelsSkipped">Relabelled messages left out because their text is a held-out row's: training on them would leak into the evaluation.</param>
    public sealed record Outcome(
        ModelSet Set,
        ModelManifest Manifest,
        EvaluationReport Report,
        bool Saved,
        bool Promoted,
        TrainingData Data,
        IReadOnlyList<LabelledMessage> HeldOut,
        IReadOnlyList<LabelledMessage> Relabelled,
        int RelabelsSkipped)
    {
        public int RelabelsUsed => Relabelled.Count;
    }

    public static Outcome Run(string trainingDataDirectory, ModelStore store, PromotionGate gate, string? sharedDataDirectory, bool promote, DateTimeOffset now) =>
        Run(trainingDataDirectory, store, gate, sharedDataDirectory, promote, now, relabelled: []);

    /// <param name="relabelled">
    /// Messages the team relabelled. They only ever join the training split, so the held-out split stays the shipped
    /// data's; a relabel replaces shipped training rows with the same text, and is skipped when its text is held out.
    /// </param>
    public static Outcome Run(
        string trainingDataDirectory,
        ModelStore store,
        PromotionGate gate,
        string? sharedDataDirectory,
        bool promote,
        DateTimeOffset now,
        IReadOnlyList<LabelledMessage> relabelled)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(relabelled);
        var data = TrainingDataLoader.Load(trainingDataDirectory);
        var (shippedTrain, test) = HeldOutSplit.Split(data.Rows);
        var heldOutTexts = test.Select(r => TextNormalizer.ForMatching(r.Text)).ToHashSet(StringComparer.Ordinal);
        var keyed = relabelled.Select(r => (Key: TextNormalizer.ForMatching(r.Text), Row: r)).ToList();
        var skipped = keyed.Count(r => heldOutTexts.Contains(r.Key));
        var latest = keyed
            .Where(r => !heldOutTexts.Contains(r.Key))
            .GroupBy(r => r.Key, StringComparer.Ordinal)
            .Select(g => g.Last())
            .ToList();
        var relabelledTexts = latest.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var used = latest.Select(r => r.Row).ToList();
        var train = shippedTrain.Where(r => !relabelledTexts.Contains(TextNormalizer.ForMatching(r.Text))).Concat(used).ToList();

        var hash = ModelSetTrainer.DataHash([.. data.Rows, .. used]);
        var version = ModelSetTrainer.NewVersion(now, hash);
        var trained = ModelSetTrainer.Train(train, version);
        var report = ModelSetEvaluator.Evaluate(trained.Set, test, sharedDataDirectory, now, TrainingDataLoader.LoadOutside(trainingDataDirectory));
        var gateResult = gate.Check(report);
        var sources = used.Count > 0 ? [.. data.Files, $"relabels:{used.Count}"] : data.Files;
        var manifest = new ModelManifest(
            version,
            now,
            hash,
            new TextClassifierTrainer(TrainerSettings.Default).Description,
            sources,
            trained.Rows,
            test.Count,
            trained.Set.Classifiers.Keys.Order(StringComparer.Ordinal).ToList(),
            Math.Round(trained.Seconds, 1),
            report.Summary,
            gateResult);
        var saved = store.Save(trained.Set, manifest, report);
        var promoted = false;
        if (promote && gateResult.Passed)
        {
            store.SetCurrent(version);
            promoted = true;
        }

        return new Outcome(trained.Set, manifest, report, saved, promoted, data, test, used, skipped);
    }
}
