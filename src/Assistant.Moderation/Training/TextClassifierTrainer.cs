using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;

namespace Assistant.Moderation.Training;

/// <summary>
/// Trains one text classifier: word 1–2-grams and character 1–4-grams (accents and case folded, so
/// misspellings, slang and missing accents still share features), then a multiclass maximum-entropy
/// model whose softmax outputs are probabilities. Classes are weighted to balance them.
/// </summary>
public sealed class TextClassifierTrainer(int seed = 1)
{
    private readonly MLContext _ml = new(seed);

    public MLContext Context => _ml;

    public (ITransformer Model, DataViewSchema Schema) Train(IReadOnlyList<(string Text, string Label)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var classes = rows.GroupBy(r => r.Label).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        if (classes.Count < 2)
        {
            throw new InvalidOperationException($"A classifier needs at least two classes; the data has {classes.Count}.");
        }

        var examples = rows
            .Select(r => new TextExample { Text = r.Text, Label = r.Label, Weight = (float)rows.Count / (classes.Count * classes[r.Label]) })
            .ToList();
        var data = _ml.Data.LoadFromEnumerable(examples);
        var pipeline = _ml.Transforms.Conversion.MapValueToKey("Label", "Label")
            .Append(_ml.Transforms.Text.FeaturizeText("Features", FeaturizerOptions(), nameof(TextExample.Text)))
            .Append(_ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = "Label",
                FeatureColumnName = "Features",
                ExampleWeightColumnName = nameof(TextExample.Weight),
                L2Regularization = 0.5f,
                L1Regularization = 0f,
                OptimizationTolerance = 1e-5f,
                MaximumNumberOfIterations = 200,
            }))
            .Append(_ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        return (pipeline.Fit(data), data.Schema);
    }

    public static TextFeaturizingEstimator.Options FeaturizerOptions() => new()
    {
        CaseMode = TextNormalizingEstimator.CaseMode.Lower,
        KeepDiacritics = false,
        KeepPunctuations = false,
        KeepNumbers = true,
        WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
        CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 4, UseAllLengths = true },
        Norm = TextFeaturizingEstimator.NormFunction.L2,
    };

    public const string Description =
        "FeaturizeText (lower case, no accents; word 1-2-grams + char 1-4-grams, L2) -> LbfgsMaximumEntropy (L2 0.5, balanced class weights)";
}
