using System.Text;

namespace Assistant.Moderation.Data;

/// <summary>
/// The fixed held-out split: a row is held out when a stable hash of its normalised text falls in the
/// first <see cref="TestPercent"/> buckets. Identical on every machine and run, and a duplicate text can
/// never sit on both sides.
/// </summary>
public static class HeldOutSplit
{
    public const int TestPercent = 20;

    public static bool IsHeldOut(string text) => Bucket(text, salt: "held-out") < TestPercent;

    /// <summary>A second, independent slice of the training side, used to tune thresholds without touching the held-out rows.</summary>
    public static bool IsValidation(string text) => Bucket(text, salt: "validation") < 15;

    /// <summary>Which of <paramref name="folds"/> cross-validation folds of the training side a row belongs to (tuning only).</summary>
    public static int Fold(string text, int folds) => Bucket(text, salt: "fold") % folds;

    public static (IReadOnlyList<LabelledMessage> Train, IReadOnlyList<LabelledMessage> Test) Split(IEnumerable<LabelledMessage> rows)
    {
        var train = new List<LabelledMessage>();
        var test = new List<LabelledMessage>();
        foreach (var row in rows)
        {
            (IsHeldOut(row.Text) ? test : train).Add(row);
        }

        return (train, test);
    }

    private static int Bucket(string text, string salt)
    {
        // FNV-1a over UTF-8: string.GetHashCode is randomised per process, so it cannot be used here.
        const ulong offset = 14695981039346656037UL;
        const ulong prime = 1099511628211UL;
        var hash = offset;
        foreach (var b in Encoding.UTF8.GetBytes(salt + "\n" + TextNormalizer.ForSplit(text)))
        {
            hash ^= b;
            hash *= prime;
        }

        return (int)(hash % 100UL);
    }
}
