using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Assistant.Moderation.Data;
using Assistant.Moderation.Serving;

namespace Assistant.Moderation.Training;

/// <summary>Trains the four classifiers of a model set from the training split (never the held-out rows).</summary>
public static class ModelSetTrainer
{
    public sealed record Result(ModelSet Set, IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Rows, double Seconds);

    public static Result Train(IReadOnlyList<LabelledMessage> trainRows, string version, TrainerSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(trainRows);
        settings ??= TrainerSettings.Default;
        var stopwatch = Stopwatch.StartNew();
        var trainer = new TextClassifierTrainer(settings);
        var classifiers = new Dictionary<string, TextClassifier>(StringComparer.Ordinal);
        var counts = new Dictionary<string, IReadOnlyDictionary<string, int>>(StringComparer.Ordinal);
        foreach (var kind in ModelKinds.All)
        {
            var labelled = trainRows.Where(r => LabelOf(kind, r) is not null && TextNormalizer.ForModel(r.Text).Length > 0).ToList();
            var rows = RowsFor(kind, labelled);
            var weights = labelled.Select(r => settings.WeightOf(r.Source)).ToList();
            var perLabel = rows.GroupBy(r => r.Label).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
            counts[kind] = perLabel;
            if (perLabel.Count < 2)
            {
                // Not enough labelled data yet (e.g. no support rows): the analyzer falls back to defaults for this field.
                continue;
            }

            var (model, _) = trainer.Train(rows, weights, settings.CuesFor(kind));
            classifiers[kind] = new TextClassifier(trainer.Context, model);
        }

        if (!classifiers.ContainsKey(ModelKinds.Moderation))
        {
            throw new InvalidOperationException("The moderation model needs rows of at least two labels (ok, abusive, offtopic).");
        }

        return new Result(new ModelSet(version, trainer.Context, classifiers), counts, stopwatch.Elapsed.TotalSeconds);
    }

    public static IReadOnlyList<(string Text, string Label)> RowsFor(string kind, IEnumerable<LabelledMessage> rows) =>
        rows.Select(r => (Text: TextNormalizer.ForModel(r.Text), Label: LabelOf(kind, r)))
            .Where(r => r.Label is not null && r.Text.Length > 0)
            .Select(r => (r.Text, r.Label!))
            .ToList();

    private static string? LabelOf(string kind, LabelledMessage row) => kind switch
    {
        ModelKinds.Moderation => row.Moderation,
        ModelKinds.Priority => row.Priority,
        ModelKinds.Category => row.Category,
        _ => row.Product,
    };

    public static string DataHash(IEnumerable<LabelledMessage> rows)
    {
        var lines = rows
            .Select(r => string.Join('\u001f', r.Source, r.Moderation, r.Priority, r.Category, r.Product, r.Lang, r.Text))
            .Order(StringComparer.Ordinal);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines)));
        return Convert.ToHexString(hash)[..16].ToLowerInvariant();
    }

    public static string NewVersion(DateTimeOffset now, string dataHash) => $"{now.UtcDateTime:yyyyMMdd-HHmmss}-{dataHash[..8]}";
}
