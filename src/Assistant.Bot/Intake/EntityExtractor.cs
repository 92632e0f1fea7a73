using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Assistant.Bot.Intake;

/// <summary>
/// The local interpreter's entity recognition: e-mails, French and international phone numbers, customer
/// numbers, ticket references, dates, people's names introduced as such, and product mentions.
/// Deterministic and allocation-light: it runs on every message.
/// </summary>
public static partial class EntityExtractor
{
    public static ExtractedEntities Extract(string text)
    {
        var email = EmailPattern().Match(text);
        var phone = FindPhone(text);
        var customer = CustomerNumberPattern().Match(text);
        var references = TicketReferencePattern().Matches(text).Select(m => m.Value.ToUpperInvariant()).Distinct().ToList();
        return new ExtractedEntities(
            Email: email.Success ? email.Value.ToLowerInvariant() : null,
            Phone: phone,
            CustomerNumber: customer.Success ? NormalizeCustomerNumber(customer) : null,
            TicketReferences: references,
            Name: FindName(text),
            Product: FindProduct(text),
            Date: FindDate(text));
    }

    /// <summary>Normalises a French number to "+33 6 12 34 56 78"; other international numbers keep their digits.</summary>
    public static string? FindPhone(string text)
    {
        foreach (Match match in PhonePattern().Matches(text))
        {
            var digits = new string(match.Value.Where(char.IsDigit).ToArray());
            if (match.Value.TrimStart().StartsWith('+'))
            {
                if (digits.StartsWith("33", StringComparison.Ordinal) && digits.Length == 11)
                {
                    return FormatFrench(digits[2..]);
                }
                if (digits.Length is >= 8 and <= 15)
                {
                    return "+" + digits;
                }
            }
            else if (digits.StartsWith("0033", StringComparison.Ordinal) && digits.Length == 13)
            {
                return FormatFrench(digits[4..]);
            }
            else if (digits.Length == 10 && digits[0] == '0' && digits[1] != '0')
            {
                return FormatFrench(digits[1..]);
            }
        }
        return null;
    }

    private static string FormatFrench(string nineDigits) =>
        $"+33 {nineDigits[0]} {nineDigits[1..3]} {nineDigits[3..5]} {nineDigits[5..7]} {nineDigits[7..9]}";

    /// <summary>Operator numbers ("DGS-C1001") stay as written, upper case; bare numbers take the generic "CL-" form.</summary>
    private static string NormalizeCustomerNumber(Match match) =>
        match.Groups["full"].Success ? match.Groups["full"].Value.ToUpperInvariant() : "CL-" + match.Groups["num"].Value;

    public static string? FindProduct(string text)
    {
        var folded = Fold(text);
        if (VroomPattern().IsMatch(folded))
        {
            return "vroom";
        }
        if (IboxPattern().IsMatch(folded))
        {
            return "ibox";
        }
        if (ClientSpacePattern().IsMatch(folded))
        {
            return "client-space";
        }
        return null;
    }

    private static string? FindName(string text)
    {
        var match = NamePattern().Match(text);
        if (!match.Success)
        {
            return null;
        }
        var words = match.Groups["name"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .TakeWhile(w => char.IsUpper(w[0]) || NameParticles.Contains(w))
            .Take(4)
            .ToList();
        while (words.Count > 0 && NameParticles.Contains(words[^1]))
        {
            words.RemoveAt(words.Count - 1);
        }
        return words.Count == 0 ? null : string.Join(' ', words);
    }

    private static readonly HashSet<string> NameParticles = ["de", "du", "des", "la", "le", "van", "von", "da", "di", "el", "ben"];

    private static DateOnly? FindDate(string text)
    {
        var match = DatePattern().Match(text);
        if (match.Success && DateOnly.TryParseExact(
                match.Value.Replace('-', '/').Replace('.', '/'),
                ["d/M/yyyy", "dd/MM/yyyy", "d/M/yy", "dd/MM/yy"],
                CultureInfo.InvariantCulture,
                DateTimeStyles.None,
                out var date))
        {
            return date;
        }
        var iso = IsoDatePattern().Match(text);
        if (iso.Success && DateOnly.TryParseExact(iso.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var isoDate))
        {
            return isoDate;
        }
        // "3 mars 2026", "1er mars 2026", "3 March 2026", "3rd of March 2026", "March 3, 2026".
        var folded = Fold(text);
        var written = WrittenDatePattern().Match(folded);
        if (!written.Success)
        {
            return null;
        }
        var day = int.Parse(written.Groups["day"].Success ? written.Groups["day"].Value : written.Groups["day2"].Value, CultureInfo.InvariantCulture);
        var month = MonthOf(written.Groups["month"].Success ? written.Groups["month"].Value : written.Groups["month2"].Value);
        var year = int.Parse(written.Groups["year"].Success ? written.Groups["year"].Value : written.Groups["year2"].Value, CultureInfo.InvariantCulture);
        return day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
    }

    private static int MonthOf(string name) => name[..3] switch
    {
        "jan" => 1,
        "fev" or "feb" => 2,
        "mar" => 3,
        "avr" or "apr" => 4,
        "mai" or "may" => 5,
        "jui" when name.StartsWith("juil", StringComparison.Ordinal) => 7,
        "jui" or "jun" => 6,
        "jul" => 7,
        "aou" or "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        _ => 12,
    };

    /// <summary>Lower case without accents, for keyword matching on text typed with or without accents.</summary>
    public static string Fold(string text)
    {
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }
        return builder.ToString().Replace('’', '\'');
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"(?<![\w-])(?:\+|00)?\d[\d .\-()]{7,18}\d(?![\w-])")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"\b(?<full>(?:DGS|ICN)-C\d{3,6})\b|\b(?:CL|client|customer)[\s\-:#n°o.]*(?<num>\d{5,8})\b", RegexOptions.IgnoreCase)]
    private static partial Regex CustomerNumberPattern();

    [GeneratedRegex(@"\b(?:DGS|ICN)-\d{4}-\d{6}\b", RegexOptions.IgnoreCase)]
    private static partial Regex TicketReferencePattern();

    [GeneratedRegex(@"(?:je m'appelle|je m’appelle|mon nom est|mon nom c'est|moi c'est|ici|my name is|this is|i am|i'm)\s+(?<name>[\p{L}][\p{L}'\- ]{1,60})", RegexOptions.IgnoreCase)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"\b\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})\b")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b")]
    private static partial Regex IsoDatePattern();

    private const string Months = "janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec";

    [GeneratedRegex(@"\b(?<day>[0-3]?\d)(?:er|st|nd|rd|th)?(?: of)? (?<month>" + Months + @")\.?,? (?<year>20\d\d)\b|\b(?<month2>" + Months + @")\.? (?<day2>[0-3]?\d)(?:st|nd|rd|th)?,? (?<year2>20\d\d)\b")]
    private static partial Regex WrittenDatePattern();

    [GeneratedRegex(@"\bv[\s\-]?room\b|\bvisio(?:conference)?s?\b|\bvideoconf|\bvideo[\s\-]?(?:call|meeting|conference|conferencing|chat)s?\b|\breunions? en ligne\b|\bonline meetings?\b|\bvirtual meetings?\b|\bwebinaires?\b|\bwebinars?\b")]
    private static partial Regex VroomPattern();

    [GeneratedRegex(@"\bi[\s\-]?box(?:es|'s)?\b|\bstockage\b|\bstorage\b|\bsynchro(?:nisation|niser|nise)?\b|\bsync(?:ing|ed|s|hroni[sz]ation)?\b|\bcloud drive\b|\bfile sharing\b|\bpartage de fichiers\b")]
    private static partial Regex IboxPattern();

    [GeneratedRegex(@"\bespace client\b|\bself[\s\-]?care\b|\bfactur|\binvoice|\bpaiement|\bpayment|\bcommande\b|(?<!in )\borders?\b(?! to\b)|\bdashboard|\btableaux? de bord|\bclient (?:space|area|portal)\b|\bcustomer (?:space|area|portal|account)\b|\bicosnet apps\b|\bbilling\b|\bbills?\b|\bdirect debit\b|\bprelevement")]
    private static partial Regex ClientSpacePattern();
}

/// <summary>What one message says explicitly; null when absent.</summary>
public sealed record ExtractedEntities(
    string? Email,
    string? Phone,
    string? CustomerNumber,
    IReadOnlyList<string> TicketReferences,
    string? Name,
    string? Product,
    DateOnly? Date);
