using System.Globalization;
using Assistant.Bot.Intake;
using Assistant.Bot.SemanticKernel;
using Assistant.Ticketing.Notices;

namespace Assistant.Bot.Incidents;

/// <summary>The pieces of a service notice as the chat shows them: products, Paris times, the latest update.</summary>
public static class NoticeText
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public static string When(DateTimeOffset at, string language)
    {
        var culture = CultureInfo.GetCultureInfo(language == LanguageDetector.English ? "en-GB" : "fr-FR");
        return TimeZoneInfo.ConvertTime(at, Paris).ToString("f", culture);
    }

    public static string Products(ServiceNotice notice, string language) =>
        string.Join(", ", notice.Products.Select(p => Choices.ProductTitle(p, language)));

    public static string Message(ServiceNotice notice, string language) =>
        PlainText.OneLine(notice.Message(language == LanguageDetector.English));

    /// <summary>The latest update with its time, or a plain "nothing new yet".</summary>
    public static string LastUpdate(ServiceNotice notice, string language)
    {
        var english = language == LanguageDetector.English;
        if (notice.Updates.Count == 0)
        {
            return english ? "no news yet since it was declared." : "pas encore d'information nouvelle depuis sa déclaration.";
        }
        var last = notice.Updates[^1];
        var text = PlainText.OneLine(last.Text(english));
        return english ? $"{When(last.At, language)}: {text}" : $"{When(last.At, language)} : {text}";
    }

    /// <summary>One line per active notice, for the greeting.</summary>
    public static string Lines(IEnumerable<ServiceNotice> notices, string language)
    {
        var english = language == LanguageDetector.English;
        return string.Join("\n", notices.Select(n => n.Kind == NoticeKinds.Maintenance
            ? english
                ? $"- Planned maintenance of {Products(n, language)} until {When(n.EndsAt!.Value, language)}: {Message(n, language)}"
                : $"- Maintenance planifiée de {Products(n, language)} jusqu'au {When(n.EndsAt!.Value, language)} : {Message(n, language)}"
            : english
                ? $"- Ongoing incident on {Products(n, language)} since {When(n.StartsAt, language)}: {Message(n, language)}"
                : $"- Incident en cours sur {Products(n, language)} depuis le {When(n.StartsAt, language)} : {Message(n, language)}"));
    }
}
