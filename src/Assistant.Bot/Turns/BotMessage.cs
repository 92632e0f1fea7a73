using System.Text;
using System.Text.RegularExpressions;
using Assistant.Bot.Channel.Activities;
using Assistant.Bot.Intake;

namespace Assistant.Bot.Turns;

/// <summary>
/// The one shape of a text message to the user. Replies are written as plain text (templates, agents' messages, values
/// the user typed) and sent as Markdown that says exactly that text: every character Markdown would interpret is
/// escaped, blank lines separate paragraphs, "- " and "• " lines become a list, other line breaks stay line breaks, and
/// web addresses become links. WebChat draws plain text one padded block per line, which left large gaps, and it
/// does not make links clickable.
/// </summary>
public static partial class BotMessage
{
    public static string Locale(string language) => language == LanguageDetector.English ? "en-US" : "fr-FR";

    public static Activity Plain(string text, string language) => new()
    {
        Type = ActivityTypes.Message,
        Text = ToMarkdown(text),
        TextFormat = "markdown",
        Locale = Locale(language),
    };

    /// <summary>Buttons under a message, shown to <paramref name="userId"/> (to everyone when the id is unknown); a click sends the value back as text.</summary>
    public static SuggestedActions Buttons(IEnumerable<Choice> choices, string? userId) => new()
    {
        To = string.IsNullOrEmpty(userId) ? null : [userId],
        Actions = [.. choices.Select(c => new CardAction { Type = ActivityTypes.ImBack, Title = c.Title, Value = System.Text.Json.Nodes.JsonValue.Create(c.Value) })],
    };

    public static string ToMarkdown(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var paragraphs = new List<string>();
        // French guillemets keep their words: a line never breaks between « and what it quotes.
        var kept = text.ReplaceLineEndings("\n").Trim().Replace("« ", "«\u00A0", StringComparison.Ordinal).Replace(" »", "\u00A0»", StringComparison.Ordinal);
        foreach (var block in BlankLinePattern().Split(kept))
        {
            var lines = block.Split('\n', StringSplitOptions.TrimEntries).Where(l => l.Length > 0).ToList();
            var markdown = new StringBuilder();
            for (var i = 0; i < lines.Count; i++)
            {
                var bullet = BulletPattern().Match(lines[i]);
                var item = bullet.Success;
                var content = item ? lines[i][bullet.Length..] : lines[i];
                if (i > 0)
                {
                    // A list item starts its own line; any other line break inside a paragraph is kept as a hard break.
                    markdown.Append(item ? "\n" : "  \n");
                }

                markdown.Append(item ? "- " : "").Append(Escape(content, atLineStart: !item));
            }

            if (markdown.Length > 0)
            {
                paragraphs.Add(markdown.ToString());
            }
        }

        return string.Join("\n\n", paragraphs);
    }

    private static string Escape(string line, bool atLineStart)
    {
        var result = new StringBuilder(line.Length + 8);
        var position = 0;
        foreach (Match url in UrlPattern().Matches(line))
        {
            EscapeText(result, line[position..url.Index], atLineStart && position == 0);
            result.Append('<').Append(url.Value).Append('>');
            position = url.Index + url.Length;
        }

        EscapeText(result, line[position..], atLineStart && position == 0);
        return result.ToString();
    }

    private static void EscapeText(StringBuilder result, string text, bool atLineStart)
    {
        if (atLineStart && LineStartPattern().Match(text) is { Success: true } start)
        {
            // "1. ", "- ", "> " or "# " at the start of a line would make a list, a quote or a heading.
            result.Append(text[..(start.Length - 1)]).Append('\\').Append(text[start.Length - 1]);
            text = text[start.Length..];
        }

        foreach (var c in text)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '~')
            {
                result.Append('\\');
            }

            result.Append(c);
        }
    }

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex BlankLinePattern();

    [GeneratedRegex(@"^(?:[-•]\s+)")]
    private static partial Regex BulletPattern();

    // A web address, without the punctuation that usually follows one in a sentence.
    [GeneratedRegex(@"https?://[^\s<>""]+?(?=[.,;:!?)\]]*(?:\s|$))")]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"^\s*(?:\d+[.)]|[-+=>#])")]
    private static partial Regex LineStartPattern();
}
