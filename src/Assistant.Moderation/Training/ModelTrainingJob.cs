using Assistant.Moderation.Data;
using Assistant.Moderation.Evaluation;
using Assistant.Moderation.Serving;

namespace Assistant.Moderation.Training;

/// <summary>
/// Load the labelled data, train on the training split, evaluate on the held-out split, save the versioned
/// set with its manifest, and promote it when it passes the gate. Used by the CLI and at first start.
/// </summary>
public static class ModelTrainingJob
{
    public sealed record Outcome(ModelSet Set, ModelManifest Manifest, EvaluationReport Report, bool Saved, bool Promoted, TrainingData Data);

    public static Outcome Run(string trainingDataDirectory, ModelStore store, PromotionGate gate, string? sharedDataDirectory, bool promote, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(gate);
        var data = TrainingDataLoader.Load(trainingDataDirectory);
        var (train, test) = HeldOutSplit.Split(data.Rows);
        var hash = ModelSetTrainer.DataHash(data.Rows);
        var version = ModelSetTrainer.NewVersion(now, hash);
        var trained = ModelSetTrainer.Train(train, version);
        var report = ModelSetEvaluator.Evaluate(trained.Set, test, sharedDataDirectory, now);
        var gateResult = gate.Check(report);
        var manifest = new ModelManifest(
            version,
            now,
            hash,
            TextClassifierTrainer.Description,
            data.Files,
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

        return new Outcome(trained.Set, manifest, report, saved, promoted, data);
    }
}
