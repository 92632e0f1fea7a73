using System.Text;
using System.Text.RegularExpressions;

namespace Assistant.Knowledge.Articles;

/// <summary>The part of an article the chat shows: its body as plain text (no Markdown marks), cut at a paragraph or line.</summary>
public static partial class ArticleExtract
{
    public const int DefaultLength = 700;

    public static string Of(Article article, int maxLength = DefaultLength)
    {
        var plain = EmphasisPattern().Replace(article.Body, "$1");
        plain = LinkPattern().Replace(plain, "$1");
        var lines = plain.ReplaceLineEndings("\n").Split('\n');
        var result = new StringBuilder();
        foreach (var line in lines)
        {
            if (result.Length + line.Length + 1 > maxLength)
            {
                // Cut before the line that does not fit: the chat shows whole steps, and the link has the rest.
                return result.ToString().TrimEnd() + "\n…";
            }
            result.Append(line).Append('\n');
        }
        return result.ToString().TrimEnd();
    }

    [GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial Regex EmphasisPattern();

    [GeneratedRegex(@"\[([^\]]+)\]\([^)]+\)")]
    private static partial Regex LinkPattern();
}
