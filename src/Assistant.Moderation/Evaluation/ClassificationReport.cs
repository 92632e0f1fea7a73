namespace Assistant.Moderation.Evaluation;

public sealed record ClassMetrics(string Label, int Support, double Precision, double Recall, double F1);

/// <param name="Confusion">Rows are the true labels, columns the predicted ones, both in <see cref="Labels"/> order.</param>
public sealed record ClassificationReport(
    string Name,
    int Rows,
    double Accuracy,
    double MacroF1,
    IReadOnlyList<ClassMetrics> Classes,
    IReadOnlyList<string> Labels,
    IReadOnlyList<IReadOnlyList<int>> Confusion)
{
    public ClassMetrics? For(string label) => Classes.FirstOrDefault(c => c.Label == label);

    public static ClassificationReport Compute(string name, IReadOnlyList<string> labels, IEnumerable<(string Actual, string Predicted)> pairs)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(pairs);
        var index = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var confusion = labels.Select(_ => new int[labels.Count]).ToArray();
        var rows = 0;
        foreach (var (actual, predicted) in pairs)
        {
            confusion[index[actual]][index[predicted]]++;
            rows++;
        }

        var classes = new List<ClassMetrics>();
        for (var i = 0; i < labels.Count; i++)
        {
            var truePositives = confusion[i][i];
            var support = confusion[i].Sum();
            var predicted = confusion.Sum(r => r[i]);
            var precision = predicted == 0 ? 0 : (double)truePositives / predicted;
            var recall = support == 0 ? 0 : (double)truePositives / support;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            classes.Add(new ClassMetrics(labels[i], support, precision, recall, f1));
        }

        var present = classes.Where(c => c.Support > 0).ToList();
        var correct = Enumerable.Range(0, labels.Count).Sum(i => confusion[i][i]);
        return new ClassificationReport(
            name,
            rows,
            rows == 0 ? 0 : (double)correct / rows,
            present.Count == 0 ? 0 : present.Average(c => c.F1),
            classes,
            labels,
            confusion.Select(r => (IReadOnlyList<int>)r).ToList());
    }
}

/// <summary>Abusive precision, recall and false-positive rate (legitimate or off-topic messages flagged) at one threshold.</summary>
public sealed record ThresholdRow(double Threshold, double Precision, double Recall, double FalsePositiveRate, double OkFlaggedRate);

/// <summary>A binary check on an outside set: how many positives are caught and how many negatives are flagged.</summary>
public sealed record BinaryCheck(string Name, int Positives, int Negatives, double Recall, double FalsePositiveRate, double Precision);
