using System.Text.Json;

namespace Assistant.Moderation.Data;

/// <summary>
/// Copies the public rows we train on from the shared data folder into <c>Data/public/</c>, mapped to our
/// labels, so a deployment does not need the shared folder. HateCheck and CLINC150's test splits are
/// evaluation sets and are never copied.
/// </summary>
public static class PublicDataImporter
{
    private static readonly string[] Header = ["text", "moderation", "category", "lang"];

    /// <summary>
    /// CLINC150 intents left out: they are what a user of these operators could well ask the support team
    /// (bills, blocked accounts, orders, fraud) or ordinary conversation inside a support chat (greetings,
    /// yes/no, thanks), which must not be redirected as off-topic.
    /// </summary>
    public static readonly IReadOnlySet<string> ClincSupportLikeIntents = new HashSet<string>(StringComparer.Ordinal)
    {
        "bill_balance", "bill_due", "pay_bill", "min_payment", "account_blocked", "freeze_account", "report_fraud",
        "order_status", "order", "change_user_name", "user_name", "reset_settings", "sync_device",
        "greeting", "goodbye", "thank_you", "yes", "no", "maybe", "cancel", "repeat",
        "are_you_a_bot", "what_can_i_ask_you", "who_do_you_work_for", "change_language",
    };

    /// <summary>Bitext categories (and the complaint intent) mapped to ours; anything else is kept as on-topic without a category.</summary>
    public static readonly IReadOnlyDictionary<string, string> BitextCategories = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ACCOUNT"] = "access",
        ["CANCELLATION_FEE"] = "billing",
        ["INVOICE"] = "billing",
        ["PAYMENT"] = "billing",
        ["REFUND"] = "billing",
        ["DELIVERY"] = "order",
        ["ORDER"] = "order",
        ["SHIPPING_ADDRESS"] = "order",
        ["CONTACT"] = "question",
        ["NEWSLETTER"] = "question",
    };

    public sealed record ImportResult(string File, int Rows, IReadOnlyDictionary<string, int> PerLabel);

    public static IReadOnlyList<ImportResult> Import(string sharedDataDirectory, string projectDataDirectory, int maxRowsPerSet = 3000)
    {
        var output = Path.Combine(projectDataDirectory, "public");
        Directory.CreateDirectory(output);
        var results = new List<ImportResult>
        {
            Write(output, "mlma-fr.csv", Mlma(Path.Combine(sharedDataDirectory, "mlma-hate-speech", "fr_dataset.csv")), maxRowsPerSet),
            Write(output, "ftr-fr.csv", Ftr(Path.Combine(sharedDataDirectory, "ftr-french-racism", "FTR_new_labels.csv")), maxRowsPerSet),
            Write(output, "clinc150-en.csv", Clinc(Path.Combine(sharedDataDirectory, "clinc150", "data_full.json"), perIntent: 20), maxRowsPerSet),
            Write(output, "bitext-en.csv", Bitext(Path.Combine(sharedDataDirectory, "bitext-customer-support", "Bitext_Sample_Customer_Support_Training_Dataset.csv")), maxRowsPerSet),
        };
        return results;
    }

    /// <summary>
    /// MLMA's sentiment is multi-label. Any of abusive, hateful or offensive without "normal" is abusive; "normal"
    /// alone is an ordinary tweet, off-topic for a support bot. Mixed labels with "normal" (annotators disagreed),
    /// "fearful" alone (fear expressed, often not an attack) and "disrespectful" alone are left out as ambiguous.
    /// </summary>
    internal static IEnumerable<(string Text, string Label, string Category)> Mlma(string path)
    {
        foreach (var row in CsvFile.Read(path))
        {
            var parts = row["sentiment"].Split('_', StringSplitOptions.RemoveEmptyEntries);
            var text = Clean(row["tweet"]);
            if (parts.Contains("normal"))
            {
                if (parts.Length == 1)
                {
                    yield return (text, Labels.Offtopic, "");
                }

                continue;
            }

            if (parts.Any(p => p is "abusive" or "hateful" or "offensive"))
            {
                yield return (text, Labels.Abusive, "");
            }
        }
    }

    /// <summary>FTR: racist tweets are abusive; the other tweets are ordinary tweets, off-topic for a support bot.</summary>
    internal static IEnumerable<(string Text, string Label, string Category)> Ftr(string path) =>
        CsvFile.Read(path).Select(row => (Clean(row["tweet"]), row["label"].Trim() == "1" ? Labels.Abusive : Labels.Offtopic, ""));

    /// <summary>CLINC150 training split only (in-scope intents of unrelated domains plus oos_train); never val or test.</summary>
    internal static IEnumerable<(string Text, string Label, string Category)> Clinc(string path, int perIntent)
    {
        using var stream = File.OpenRead(path);
        using var json = JsonDocument.Parse(stream);
        var taken = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var split in new[] { "train", "oos_train" })
        {
            foreach (var pair in json.RootElement.GetProperty(split).EnumerateArray())
            {
                var text = pair[0].GetString() ?? "";
                var intent = pair[1].GetString() ?? "";
                if (ClincSupportLikeIntents.Contains(intent))
                {
                    continue;
                }

                var count = taken.GetValueOrDefault(intent);
                if (intent != "oos" && count >= perIntent)
                {
                    continue;
                }

                taken[intent] = count + 1;
                yield return (Clean(text), Labels.Offtopic, "");
            }
        }
    }

    /// <summary>Bitext: English support requests, on-topic; its placeholders like {{Order Number}} become a neutral token.</summary>
    internal static IEnumerable<(string Text, string Label, string Category)> Bitext(string path)
    {
        foreach (var row in CsvFile.Read(path))
        {
            if (row["intent"] == "review")
            {
                continue;
            }

            var category = row["intent"] == "complaint" ? "complaint" : BitextCategories.GetValueOrDefault(row["category"], "");
            var text = System.Text.RegularExpressions.Regex.Replace(row["instruction"], @"\{\{[^}]*\}\}", "123");
            yield return (Clean(text), Labels.Ok, category);
        }
    }

    private static string Clean(string text) => TextNormalizer.ForModel(text);

    private static ImportResult Write(string folder, string file, IEnumerable<(string Text, string Label, string Category)> rows, int cap)
    {
        // Deterministic cap: order by the split hash's companion key so that capping keeps a stable, label-mixed sample.
        var distinct = rows
            .Where(r => r.Text.Length > 0)
            .DistinctBy(r => TextNormalizer.ForSplit(r.Text))
            .ToList();
        var kept = distinct.Count <= cap
            ? distinct
            : distinct.OrderBy(r => StableKey(r.Text), StringComparer.Ordinal).Take(cap).ToList();
        var lang = file.Contains("-en", StringComparison.Ordinal) ? "en" : "fr";
        CsvFile.Write(Path.Combine(folder, file), Header, kept.Select(r => (IReadOnlyList<string>)[r.Text, r.Label, r.Category, lang]));
        return new ImportResult(file, kept.Count, kept.GroupBy(r => r.Label).ToDictionary(g => g.Key, g => g.Count()));
    }

    private static string StableKey(string text) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(TextNormalizer.ForSplit(text))));
}
