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

    /// <summary>
    /// Masks URLs, e-mail addresses and @handles, undoes the usual filter-dodging spellings (see <see cref="Deobfuscate"/>)
    /// and collapses whitespace. Case and accents are left to the featurizer.
    /// </summary>
    public static string ForModel(string text) => Deobfuscate(Mask(text));

    /// <summary>Lower case, no accents, apostrophes unified: the form rules match against.</summary>
    public static string ForMatching(string text) => Fold(ForModel(text));

    /// <summary>
    /// The form the held-out split hashes: masked and folded but not de-obfuscated, exactly as when the split was
    /// first fixed, so that improving the normalisation never moves a row between training and held-out.
    /// </summary>
    public static string ForSplit(string text) => Fold(Mask(text));

    /// <summary>
    /// "c0nn4rd" → "connard", "e.s.c.r.o.c" and "c o n n a r d" → "escroc" / "connard", "nuuuul" → "nuul". Digits
    /// are read as letters only inside a word that has letters on both sides of them, so amounts, dates, phone numbers
    /// and references (FA-2026-0412, CL-123456, 4G, V2) stay as they are.
    /// </summary>
    public static string Deobfuscate(string text)
    {
        var value = SpacedLettersPattern().Replace(text, m => m.Value.Replace(" ", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal)
            .Replace("-", "", StringComparison.Ordinal).Replace("*", "", StringComparison.Ordinal));
        value = LeetWordPattern().Replace(value, m => Unleet(m.Value));
        return RepeatedLetterPattern().Replace(value, "$1$1");
    }

    private static string Mask(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Length > MaxLength ? text[..MaxLength] : text;
        value = UrlPattern().Replace(value, "@url");
        value = EmailPattern().Replace(value, "@email");
        value = HandlePattern().Replace(value, "@user");
        value = WhitespacePattern().Replace(value, " ");
        return value.Trim();
    }

    /// <summary>Lower case, no accents, apostrophes unified (no masking, no de-obfuscation).</summary>
    public static string Fold(string text)
    {
        var lowered = text.ToLowerInvariant()
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

    private static string Unleet(string word)
    {
        var builder = new StringBuilder(word.Length);
        foreach (var c in word)
        {
            builder.Append(c switch
            {
                '0' => 'o',
                '1' or '!' => 'i',
                '3' => 'e',
                '4' or '@' => 'a',
                '5' or '$' => 's',
                '7' => 't',
                _ => c,
            });
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"(https?://|www\.)\S+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"[\w.+-]+@[\w-]+\.[\w.-]+", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"(?<![\w@])@(?!url\b|email\b|user\b)\w+", RegexOptions.CultureInvariant)]
    private static partial Regex HandlePattern();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex WhitespacePattern();

    // Four or more single letters separated by one space, dot, hyphen or star: "c o n n a r d", "e.s.c.r.o.c", "c*o*n".
    [GeneratedRegex(@"(?<![\p{L}\d])\p{L}(?:[ .*\-]\p{L}){3,}(?![\p{L}\d])", RegexOptions.CultureInvariant)]
    private static partial Regex SpacedLettersPattern();

    // A word with a leet character between two letters: "c0nn4rd", "3scr0c" is caught by its inner 0, "@" and "$" inside words.
    [GeneratedRegex(@"(?<![\w@$!])(?=[\p{L}013457@$!]*\p{L}[013457@$!]+\p{L})[\p{L}013457@$!]{3,}(?![\w@$])", RegexOptions.CultureInvariant)]
    private static partial Regex LeetWordPattern();

    // Three or more of the same letter: "nuuuuul", "connnnard" (two stay: "cooperation", "villa").
    [GeneratedRegex(@"(\p{L})\1{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex RepeatedLetterPattern();
}
