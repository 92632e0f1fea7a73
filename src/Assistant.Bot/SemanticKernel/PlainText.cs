namespace Assistant.Bot.SemanticKernel;

/// <summary>
/// Replies are plain text (WebChat keeps their line breaks): a value the user typed goes into a reply on one line,
/// so a pasted paragraph cannot break the layout of a summary.
/// </summary>
public static class PlainText
{
    public static string OneLine(string? value) =>
        string.IsNullOrEmpty(value) ? "" : value.ReplaceLineEndings(" ").Trim();
}
