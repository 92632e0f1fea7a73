using System.Globalization;
using System.Text.RegularExpressions;
using Assistant.Bot.Intake;

namespace Assistant.Bot.Satisfaction;

/// <summary>
/// The buttons of the satisfaction question and what they send back. A rating names its ticket ("Note 4/5 pour
/// DGS-2026-000123"), so a click is understood whatever the conversation did since the question was asked.
/// </summary>
public static partial class SatisfactionAnswers
{
    public static IReadOnlyList<Choice> Ratings(string reference, string language)
    {
        var english = language == LanguageDetector.English;
        return [.. Enumerable.Range(1, 5).Select(score => new Choice(
            score switch
            {
                1 => english ? "1 · not at all" : "1 · pas du tout",
                5 => english ? "5 · completely" : "5 · tout à fait",
                _ => score.ToString(CultureInfo.InvariantCulture),
            },
            english
                ? string.Create(CultureInfo.InvariantCulture, $"Rating {score}/5 for {reference}")
                : string.Create(CultureInfo.InvariantCulture, $"Note {score}/5 pour {reference}")))];
    }

    public static IReadOnlyList<Choice> NoComment(string language) =>
        [new(NoCommentValue(language), NoCommentValue(language))];

    /// <summary>True with the ticket and score when the text is a rating button's value.</summary>
    public static bool TryParseRating(string text, out string reference, out int score)
    {
        var match = RatingPattern().Match(text.Trim());
        reference = match.Success ? match.Groups["reference"].Value.ToUpperInvariant() : "";
        score = match.Success ? match.Groups["score"].Value[0] - '0' : 0;
        return match.Success;
    }

    public static bool IsNoComment(string text) =>
        string.Equals(text.Trim(), NoCommentValue(LanguageDetector.French), StringComparison.OrdinalIgnoreCase)
        || string.Equals(text.Trim(), NoCommentValue(LanguageDetector.English), StringComparison.OrdinalIgnoreCase);

    private static string NoCommentValue(string language) => language == LanguageDetector.English ? "No comment" : "Pas de commentaire";

    [GeneratedRegex(@"^(?:note|rating) (?<score>[1-5])/5 (?:pour|for) (?<reference>[A-Za-z]{2,5}-\d{4}-\d{6})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RatingPattern();
}
