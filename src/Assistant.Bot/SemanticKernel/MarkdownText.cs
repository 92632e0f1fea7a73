using System.Text;

namespace Assistant.Bot.SemanticKernel;

/// <summary>WebChat renders bot text as Markdown: user-supplied values are escaped before they enter a reply.</summary>
public static class MarkdownText
{
    private const string Special = "\\`*_{}[]<>()#+-!|~";

    public static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (Special.Contains(c, StringComparison.Ordinal))
            {
                builder.Append('\\');
            }
            builder.Append(c is '\r' or '\n' ? ' ' : c);
        }
        return builder.ToString();
    }
}
