using System.Text;
using System.Text.RegularExpressions;

namespace Assistant.Moderation.Data;

/// <summary>
/// The one text preparation shared by training, evaluation and serving, so a model never sees text
/// shaped differently from what it was trained on.
/// </summary>
public static partial class TextNormalizer
{
    public const int MaxLength = 4000;

    /// <summary>Masks URLs, e-mail addresses and @handles, and collapses whitespace. Case and accents are left to the featurizer.</summary>
    public static string ForModel(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Length > MaxLength ? text[..MaxLength] : text;
        value = UrlPattern().Replace(value, "@url");
        value = EmailPattern().Replace(value, "@email");
        value = HandlePattern().Replace(value, "@user");
        value = WhitespacePattern().Replace(value, " ");
        return value.Trim();
    }

    /// <summary>Lower case, no accents, apostrophes unified: the form rules match against and the split hashes.</summary>
    public static string ForMatching(string text)
    {
        var lowered = ForModel(text).ToLowerInvariant()
            .Replace('\u2019', '\'')
            .Replace('\u2018', '\'')
            .Replace('`', '\'');
        var decomposed = lowered.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    [GeneratedRegex(@"(https?://|www\.)\S+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"[\w.+-]+@[\w-]+\.[\w.-]+", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"(?<![\w@])@(?!url\b|email\b|user\b)\w+", RegexOptions.CultureInvariant)]
    private static partial Regex HandlePattern();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex WhitespacePattern();
}
