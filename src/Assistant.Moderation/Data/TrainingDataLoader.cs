namespace Assistant.Moderation.Data;

/// <summary>
/// Reads every labelled file of the project's data folder: <c>support-*.csv</c>, <c>abusive-*.csv</c>,
/// <c>offtopic-*.csv</c>, <c>dialog-*.csv</c> (legitimate chat turns with no ticket of their own: answers to the intake
/// dialog's questions, greetings, thanks; moderation label ok, no triage), <c>realistic-*.csv</c> (the realistic customer
/// messages, every label and a kind per row; the held-out split of these is the realistic evaluation set) and the imported
/// public rows in <c>public/*.csv</c>. Only these patterns are read, so evaluation-only sets (HateCheck, CLINC150's
/// oos_test, the blind sets in <c>outside/</c>) can never enter training.
/// </summary>
public static class TrainingDataLoader
{
    public static readonly IReadOnlyList<string> Patterns = ["support-*.csv", "dialog-*.csv", "abusive-*.csv", "offtopic-*.csv", "realistic-*.csv", "public/*.csv"];

    /// <summary>The blind evaluation sets, under the data folder, never trained or tuned on.</summary>
    public const string OutsideFolder = "outside";

    public static TrainingData Load(string dataDirectory)
    {
        if (!Directory.Exists(dataDirectory))
        {
            throw new DirectoryNotFoundException($"The training data folder '{dataDirectory}' does not exist.");
        }

        var rows = new List<LabelledMessage>();
        var rejected = new List<RejectedRow>();
        var files = new List<string>();
        foreach (var pattern in Patterns)
        {
            var folder = Path.GetDirectoryName(pattern) is { Length: > 0 } sub ? Path.Combine(dataDirectory, sub) : dataDirectory;
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (var path in Directory.GetFiles(folder, Path.GetFileName(pattern)).Order(StringComparer.Ordinal))
            {
                var source = (pattern.StartsWith("public/", StringComparison.Ordinal) ? "public:" : "project:") + Path.GetFileName(path);
                files.Add(source);
                var kind = Path.GetFileName(pattern).Split('-', '*')[0];
                var table = CsvFile.Read(path);
                for (var i = 0; i < table.Count; i++)
                {
                    var line = i + 2;
                    var result = kind switch
                    {
                        "support" => FromSupport(table[i], source),
                        "abusive" => FromSimple(table[i], source, Labels.Abusive),
                        "offtopic" => FromSimple(table[i], source, Labels.Offtopic),
                        "dialog" => FromSimple(table[i], source, Labels.Ok),
                        "realistic" => FromLabelled(table[i], source),
                        _ => FromPublic(table[i], source),
                    };
                    if (result.Row is not null)
                    {
                        rows.Add(result.Row);
                    }
                    else
                    {
                        rejected.Add(new RejectedRow(source, line, result.Error ?? "unreadable row"));
                    }
                }
            }
        }

        return new TrainingData(rows, files, rejected);
    }

    private static (LabelledMessage? Row, string? Error) FromSupport(IReadOnlyDictionary<string, string> row, string source)
    {
        var text = Get(row, "text");
        if (text.Length == 0)
        {
            return (null, "empty text");
        }

        var priority = Get(row, "priority").ToLowerInvariant();
        var category = Get(row, "category").ToLowerInvariant();
        var product = Get(row, "product").ToLowerInvariant();
        if (!Labels.Priorities.Contains(priority))
        {
            return (null, $"unknown priority '{priority}'");
        }

        if (!Labels.Categories.Contains(category))
        {
            return (null, $"unknown category '{category}'");
        }

        if (!Labels.Products.Contains(product))
        {
            return (null, $"unknown product '{product}'");
        }

        return (new LabelledMessage(text, Labels.Ok, priority, category, product, Lang(row), source), null);
    }

    /// <summary>The blind sets of <see cref="OutsideFolder"/>, one list per file, in the realistic schema; empty when the folder is absent.</summary>
    public static IReadOnlyList<(string Name, IReadOnlyList<LabelledMessage> Rows)> LoadOutside(string dataDirectory)
    {
        var folder = Path.Combine(dataDirectory, OutsideFolder);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return [.. Directory.GetFiles(folder, "*.csv").Order(StringComparer.Ordinal).Select(path =>
        {
            var source = "outside:" + Path.GetFileName(path);
            var rows = CsvFile.Read(path).Select(r => FromLabelled(r, source))
                .Select((r, i) => r.Row ?? throw new InvalidDataException($"{source} line {i + 2}: {r.Error}"))
                .ToList();
            return (Path.GetFileNameWithoutExtension(path), (IReadOnlyList<LabelledMessage>)rows);
        })];
    }

    /// <summary>A row with every label: moderation, then priority, category and product when it carries a problem, and its kind.</summary>
    private static (LabelledMessage? Row, string? Error) FromLabelled(IReadOnlyDictionary<string, string> row, string source)
    {
        var text = Get(row, "text");
        var moderation = Get(row, "moderation").ToLowerInvariant();
        var priority = Get(row, "priority").ToLowerInvariant();
        var category = Get(row, "category").ToLowerInvariant();
        var product = Get(row, "product").ToLowerInvariant();
        var kind = Get(row, "kind").ToLowerInvariant();
        if (text.Length == 0)
        {
            return (null, "empty text");
        }

        if (!Labels.Moderation.Contains(moderation))
        {
            return (null, $"unknown moderation label '{moderation}'");
        }

        var triaged = priority.Length + category.Length + product.Length > 0;
        if (triaged && (moderation != Labels.Ok || !Labels.Priorities.Contains(priority) || !Labels.Categories.Contains(category) || !Labels.Products.Contains(product)))
        {
            return (null, $"triage '{priority}/{category}/{product}' must be complete and on an ok row");
        }

        return (new LabelledMessage(text, moderation, triaged ? priority : null, triaged ? category : null, triaged ? product : null, Lang(row), source,
            kind.Length > 0 ? kind : null), null);
    }

    private static (LabelledMessage? Row, string? Error) FromSimple(IReadOnlyDictionary<string, string> row, string source, string label)
    {
        var text = Get(row, "text");
        var kind = Get(row, "kind").ToLowerInvariant();
        return text.Length == 0 ? (null, "empty text") : (new LabelledMessage(text, label, null, null, null, Lang(row), source, kind.Length > 0 ? kind : null), null);
    }

    private static (LabelledMessage? Row, string? Error) FromPublic(IReadOnlyDictionary<string, string> row, string source)
    {
        var text = Get(row, "text");
        var moderation = Get(row, "moderation").ToLowerInvariant();
        var category = Get(row, "category").ToLowerInvariant();
        if (text.Length == 0)
        {
            return (null, "empty text");
        }

        if (!Labels.Moderation.Contains(moderation))
        {
            return (null, $"unknown moderation label '{moderation}'");
        }

        if (category.Length > 0 && !Labels.Categories.Contains(category))
        {
            return (null, $"unknown category '{category}'");
        }

        return (new LabelledMessage(text, moderation, null, category.Length > 0 ? category : null, null, Lang(row), source), null);
    }

    private static string Get(IReadOnlyDictionary<string, string> row, string column) =>
        row.TryGetValue(column, out var value) ? value.Trim() : "";

    private static string Lang(IReadOnlyDictionary<string, string> row) => Get(row, "lang") is { Length: > 0 } lang ? lang.ToLowerInvariant() : "fr";
}

public sealed record RejectedRow(string Source, int Line, string Reason);

/// <param name="Files">The sources read, as <c>project:&lt;file&gt;</c> or <c>public:&lt;file&gt;</c>.</param>
public sealed record TrainingData(IReadOnlyList<LabelledMessage> Rows, IReadOnlyList<string> Files, IReadOnlyList<RejectedRow> Rejected);
