using System.Globalization;
using System.Text.RegularExpressions;

namespace Assistant.Knowledge.Articles;

/// <summary>
/// An article as a file: <c>&lt;operator&gt;/&lt;slug&gt;.&lt;lang&gt;.md</c>, a front-matter between two <c>---</c> lines
/// (title, products, categories, tags, link, updated), then the Markdown body.
/// </summary>
public static partial class ArticleFile
{
    private static readonly string[] Required = ["title", "products", "categories", "link", "updated"];

    /// <summary>Reads one article; a malformed file is a <see cref="FormatException"/> that names the file and what is wrong.</summary>
    public static Article Parse(string operatorId, string fileName, string text)
    {
        var name = FileNamePattern().Match(Path.GetFileName(fileName));
        if (!name.Success)
        {
            throw new FormatException($"{fileName}: the name must be <slug>.<fr|en>.md with a slug of lower-case letters, digits and dashes.");
        }
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            throw new FormatException($"{fileName}: the file must start with a '---' line (front-matter).");
        }
        var end = Array.FindIndex(lines, 1, l => l.Trim() == "---");
        if (end < 0)
        {
            throw new FormatException($"{fileName}: the front-matter has no closing '---' line.");
        }
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < end; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }
            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new FormatException($"{fileName} line {i + 1}: expected 'key: value'.");
            }
            fields[lines[i][..colon].Trim()] = lines[i][(colon + 1)..].Trim();
        }
        foreach (var key in Required)
        {
            if (!fields.TryGetValue(key, out var value) || value.Length == 0)
            {
                throw new FormatException($"{fileName}: the front-matter has no '{key}'.");
            }
        }
        if (!DateOnly.TryParseExact(fields["updated"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var updated))
        {
            throw new FormatException($"{fileName}: 'updated' must be a date like 2026-11-20.");
        }
        if (!Uri.TryCreate(fields["link"], UriKind.Absolute, out var link) || link.Scheme != Uri.UriSchemeHttps)
        {
            throw new FormatException($"{fileName}: 'link' must be an https address.");
        }
        var body = string.Join('\n', lines[(end + 1)..]).Trim();
        if (body.Length == 0)
        {
            throw new FormatException($"{fileName}: the article has no body.");
        }
        return new Article(operatorId, name.Groups["slug"].Value, name.Groups["lang"].Value, fields["title"], body,
            List(fields["products"]), List(fields["categories"]), List(fields.GetValueOrDefault("tags", "")), link.ToString(), updated);
    }

    private static List<string> List(string value) =>
        [.. value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    [GeneratedRegex(@"^(?<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?<lang>fr|en)\.md$")]
    private static partial Regex FileNamePattern();
}
