using System.Text.Json;
using Assistant.Moderation.Analysis;
using Assistant.Moderation.Data;
using Assistant.Moderation.Serving;
using Assistant.Moderation.Thresholds;

namespace Assistant.Moderation.Evaluation;

/// <summary>
/// Outside evaluation sets, read from the shared data folder and never trained on: Multilingual HateCheck
/// (French) and CLINC150's oos_test.
/// </summary>
public static class ExternalBenchmarks
{
    /// <summary>
    /// HateCheck's gold "non-hateful" functionalities that a support moderation still treats as abusive:
    /// insults at an individual, at a non-protected group, and profanity. target_obj_nh stays non-abusive:
    /// hating pizza or stale bread attacks no one.
    /// </summary>
    public static readonly IReadOnlySet<string> RemappedAbusive = new HashSet<string>(StringComparer.Ordinal)
    {
        "target_indiv_nh", "target_group_nh", "profanity_nh",
    };

    public static IReadOnlyList<BinaryCheck> Run(ModelSet set, ModerationThresholds thresholds, string sharedDataDirectory)
    {
        var checks = new List<BinaryCheck>();
        var hateCheck = Path.Combine(sharedDataDirectory, "multilingual-hatecheck", "hatecheck_cases_final_french.csv");
        if (File.Exists(hateCheck))
        {
            var cases = CsvFile.Read(hateCheck)
                .Select(r => (Functionality: r["functionality"], Hateful: r["label_gold"] == "hateful",
                    Flagged: ModelSetAnalysis.Analyze(set, thresholds, r["test_case"]).Moderation.Label == Labels.Abusive))
                .ToList();
            checks.Add(Binary("hatecheck-fr.raw", cases.Select(c => (c.Hateful, c.Flagged))));
            checks.Add(Binary("hatecheck-fr.remapped", cases.Select(c => (c.Hateful || RemappedAbusive.Contains(c.Functionality), c.Flagged))));
        }

        var clinc = Path.Combine(sharedDataDirectory, "clinc150", "data_full.json");
        if (File.Exists(clinc))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(clinc));
            var oos = json.RootElement.GetProperty("oos_test").EnumerateArray()
                .Select(p => (true, ModelSetAnalysis.Analyze(set, thresholds, p[0].GetString() ?? "").Moderation.Label == Labels.Offtopic));
            checks.Add(Binary("clinc150.oosTest.offtopic", oos));
        }

        return checks;
    }

    private static BinaryCheck Binary(string name, IEnumerable<(bool Positive, bool Flagged)> cases)
    {
        var list = cases.ToList();
        var positives = list.Count(c => c.Positive);
        var negatives = list.Count - positives;
        var truePositives = list.Count(c => c.Positive && c.Flagged);
        var falsePositives = list.Count(c => !c.Positive && c.Flagged);
        return new BinaryCheck(
            name,
            positives,
            negatives,
            positives == 0 ? 0 : (double)truePositives / positives,
            negatives == 0 ? 0 : (double)falsePositives / negatives,
            truePositives + falsePositives == 0 ? 0 : (double)truePositives / (truePositives + falsePositives));
    }
}
