using System.Text.RegularExpressions;

namespace Assistant.Bot.Mail;

public static partial class MailText
{
    /// <summary>The text with every e-mail address replaced by <c>[adresse]</c>: what may go into a log or the outbox's reason.</summary>
    public static string WithoutAddresses(string text) => Address().Replace(text, "[adresse]");

    [GeneratedRegex(@"[^\s<>""'(),;:]+@[^\s<>""'(),;:]+")]
    private static partial Regex Address();
}
