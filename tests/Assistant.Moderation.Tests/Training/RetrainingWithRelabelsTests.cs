using Assistant.Moderation.Analysis;
using Assistant.Moderation.Data;
using Assistant.Moderation.Evaluation;
using Assistant.Moderation.Serving;
using Assistant.Moderation.Thresholds;
using Assistant.Moderation.Training;

namespace Assistant.Moderation.Tests.Training;

/// <summary>
/// Relabelled messages in training (issue #7, models): they join the training split only, replace a shipped row with
/// the same text, and are left out when their text is held out, so the evaluation split never changes; and they are learned.
/// Trains on a slice of the shipped files to stay quick.
/// </summary>
public sealed class RetrainingWithRelabelsTests : IDisposable
{
    private readonly string _root = SharedModels.TemporaryDirectory();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Slice(params string[] files)
    {
        var data = Directory.CreateDirectory(Path.Combine(_root, "data")).FullName;
        foreach (var file in files.Length > 0 ? files : ["support-billing.csv", "dialog-answers.csv", "abusive-insult-agent.csv", "offtopic-daily.csv"])
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, "ModerationData", file), Path.Combine(data, file));
        }

        return data;
    }

    [Fact]
    public void Relabels_replace_training_rows_of_the_same_text_and_never_touch_the_held_out_split()
    {
        var data = Slice();
        var rows = TrainingDataLoader.Load(data).Rows;
        var trainedAbusive = rows.First(r => r.Moderation == Labels.Abusive && !HeldOutSplit.IsHeldOut(r.Text));
        var heldOut = rows.First(r => HeldOutSplit.IsHeldOut(r.Text));
        var store = new ModelStore(Path.Combine(_root, "models"));
        var now = DateTimeOffset.UtcNow;

        var plain = ModelTrainingJob.Run(data, store, new PromotionGate(), null, promote: false, now);
        var relabelled = ModelTrainingJob.Run(data, store, new PromotionGate(), null, promote: false, now.AddSeconds(1),
        [
            new LabelledMessage(trainedAbusive.Text, Labels.Ok, null, null, null, "fr", "relabel:1"),
            new LabelledMessage(heldOut.Text, Labels.Offtopic, null, null, null, "fr", "relabel:2"),
            new LabelledMessage("Je cherche la recette de la tarte aux pommes de ma grand-mère", Labels.Offtopic, null, null, null, "fr", "relabel:3"),
        ]);

        Assert.Equal(1, relabelled.RelabelsSkipped);
        Assert.Equal(2, relabelled.RelabelsUsed);
        Assert.Equal(plain.HeldOut.Select(r => r.Text), relabelled.HeldOut.Select(r => r.Text));
        var before = plain.Manifest.TrainingRows[ModelKinds.Moderation];
        var after = relabelled.Manifest.TrainingRows[ModelKinds.Moderation];
        Assert.Equal(before[Labels.Abusive] - 1, after[Labels.Abusive]);
        Assert.Equal(before[Labels.Ok] + 1, after[Labels.Ok]);
        Assert.Equal(before[Labels.Offtopic] + 1, after[Labels.Offtopic]);
        Assert.NotEqual(plain.Manifest.Version, relabelled.Manifest.Version);
        Assert.Contains("relabels:2", relabelled.Manifest.Sources);
    }

    [Fact]
    public void A_set_retrained_with_relabels_decides_them_as_relabelled_where_the_same_training_without_them_did_not()
    {
        // The slice and the praise of the admin console's retraining test (Assistant.Bot.Tests, ModelRetrainingTests): slang
        // praise the models read as abusive, relabelled ok, weighing as much as the project's own rows.
        var data = Slice("support-billing.csv", "support-order.csv", "dialog-answers.csv", "abusive-insult-agent.csv", "abusive-insult-company.csv", "offtopic-daily.csv", "offtopic-knowledge.csv");
        string[] praise =
        [
            "Franchement votre support c'est de la bombe",
            "Cette mise à jour déchire, vous avez assuré grave",
            "Votre équipe a tué le game avec cette mise à jour, bravo",
        ];
        var relabels = praise.Select((text, i) => new LabelledMessage(text, Labels.Ok, null, null, null, "fr", $"relabel:{i}")).ToList();
        var store = new ModelStore(Path.Combine(_root, "models"));
        var now = DateTimeOffset.UtcNow;

        var plain = ModelTrainingJob.Run(data, store, new PromotionGate(), null, promote: false, now);
        var relabelled = ModelTrainingJob.Run(data, store, new PromotionGate(), null, promote: false, now.AddSeconds(1), relabels);

        Assert.Equal(praise.Length, relabelled.RelabelsUsed);
        // Without the relabels the same training misjudges some of the praise (which ones moves with the trainer's
        // settings); with them, every one is decided as relabelled.
        var misjudged = praise.Where(text => ModelSetAnalysis.Analyze(plain.Set, ModerationThresholds.Defaults, text).Moderation.Label != Labels.Ok).ToList();
        Assert.NotEmpty(misjudged);
        Assert.Equal(praise.Length - misjudged.Count, ModelSetEvaluator.CountDecidedAsLabelled(plain.Set, relabels));
        Assert.Equal(praise.Length, ModelSetEvaluator.CountDecidedAsLabelled(relabelled.Set, relabelled.Relabelled));
        Assert.All(praise, text => Assert.Equal(Labels.Ok, ModelSetAnalysis.Analyze(relabelled.Set, ModerationThresholds.Defaults, text).Moderation.Label));
    }
}
