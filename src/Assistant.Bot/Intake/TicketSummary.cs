using System.Text.RegularExpressions;

namespace Assistant.Bot.Intake;

/// <summary>
/// The title and description a ticket is filed with. The customer's words are kept, minus what an agent does not need
/// there: greetings, a self-introduction, politeness formulas, and contact details that the requester fields already
/// hold. The title is the first sentence that says what is wrong, at most <see cref="MaxTitleLength"/> characters.
/// </summary>
public static partial class TicketSummary
{
    public const int MaxTitleLength = 80;

    /// <summary>The description without the contact details and self-introduction already stored in the requester fields.</summary>
    public static string Description(string description, TicketDraft draft)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(draft);
        var lines = description.Split('\n')
            .Select(line => Tidy(GreetingPattern().Replace(StripContact(line, draft).Trim(), "")))
            .Where(line => line.Length > 0)
            .ToList();
        // Nothing left (the message was only contact details): keep the words as they came rather than file an empty ticket.
        return lines.Count == 0 ? description.Trim() : string.Join('\n', lines);
    }

    public static string Title(string description, TicketDraft draft)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(draft);
        var sentences = SentenceEndPattern().Split(StripContact(description, draft))
            .Select(s => Tidy(PolitenessPattern().Replace(GreetingPattern().Replace(s.Trim(), ""), " ")))
            .Where(s => s.Length > 0)
            .ToList();
        var informative = sentences.FirstOrDefault(s => Words(s) >= 3 && !FillerPattern().IsMatch(EntityExtractor.Fold(s)))
            ?? sentences.FirstOrDefault()
            ?? Tidy(description);
        return Shorten(Capitalise(informative), MaxTitleLength);
    }

    private static string StripContact(string text, TicketDraft draft)
    {
        var value = EmailPattern().Replace(text, " ");
        value = PhonePattern().Replace(value, m => EntityExtractor.FindPhone(m.Value) is null ? m.Value : " ");
        value = CustomerNumberPattern().Replace(value, " ");
        value = IntroductionPattern().Replace(value, " ");
        if (draft.Name is { Length: > 1 } name)
        {
            value = Regex.Replace(value, @"\b" + Regex.Escape(name) + @"\b", " ", RegexOptions.IgnoreCase, TimeSpan.FromMilliseconds(100));
        }

        return value;
    }

    /// <summary>Spaces and punctuation left behind by the removals: ", ," → ",", a leading ", " or " - ".</summary>
    private static string Tidy(string text)
    {
        var value = SpacesPattern().Replace(text, " ");
        value = DanglingPunctuationPattern().Replace(value, "$1");
        value = EmptyParenthesesPattern().Replace(value, "");
        return value.Trim(' ', ',', ';', ':', '-', '—', '–', '.', '/').Trim();
    }

    private static int Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(w => w.Any(char.IsLetter));

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Shorten(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = text[..(max - 1)];
        var space = cut.LastIndexOf(' ');
        return (space > max / 2 ? cut[..space] : cut).TrimEnd(' ', ',', ';', ':') + "…";
    }

    [GeneratedRegex(@"(?<=[.!?…])\s+|\n+|(?<=[.!?])$")]
    private static partial Regex SentenceEndPattern();

    [GeneratedRegex(@"^(?:(?:bonjour|bonsoir|salut|coucou|hello|hi|hey|good (?:morning|afternoon|evening)|dear (?:support|team|sir|madam|all)|madame|monsieur|mesdames|messieurs|cher support|chère équipe|l'équipe|à l'équipe|(?:à|a) vous|et|,|\s)+[,!:.]?\s*)+", RegexOptions.IgnoreCase)]
    private static partial Regex GreetingPattern();

    [GeneratedRegex(@"\b(?:merci d'avance|merci par avance|merci pour votre aide|merci de votre aide|merci beaucoup|merci|cordialement|bien cordialement|bonne journée|thanks in advance|thank you in advance|many thanks|thanks|thank you|kind regards|best regards|regards|s'il vous plaît|s'il vous plait|svp|please)\b[!.,]*", RegexOptions.IgnoreCase)]
    private static partial Regex PolitenessPattern();

    [GeneratedRegex(@"^(?:j'ai (?:un|une) (?:petit |gros )?(?:probleme|souci|question|demande)|voici (?:mon|ma) (?:probleme|souci|demande)|i have (?:a|an) (?:problem|issue|question)|here is my (?:problem|issue)|je vous contacte|je vous ecris|i'm writing|i am writing|je me permets de vous contacter)\W*$")]
    private static partial Regex FillerPattern();

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"(?<![\w-])(?:\+|00)?\d[\d .\-()]{7,18}\d(?![\w-])")]
    private static partial Regex PhonePattern();

    // "client CL-123456", "numéro client : 123456", "customer number 123456", "DGS-C1001"
    [GeneratedRegex(@"\b(?:(?:mon |my )?(?:num[eé]ro|n°|no\.?|number|compte) (?:de )?(?:client|customer)|(?:client|customer)(?: (?:number|n°|no\.?|num[eé]ro))?)\s*(?:est|is|:)?\s*(?:CL-?)?\d{5,8}\b|\bCL-\d{5,8}\b|\b(?:DGS|ICN)-C\d{3,6}\b", RegexOptions.IgnoreCase)]
    private static partial Regex CustomerNumberPattern();

    // "je m'appelle Marie Durand", "my name is John Smith", "moi c'est Paul", "ici Karim Benali": up to four capitalised words.
    [GeneratedRegex(@"\b(?:je m'appelle|je m’appelle|mon nom est|mon nom c'est|moi c'est|ici|my name is|this is|i am|i'm)\s+(?:\p{Lu}[\p{L}'’\-]+\s*){1,4}", RegexOptions.None)]
    private static partial Regex IntroductionPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex SpacesPattern();

    [GeneratedRegex(@"\s*([,;:.!?])(?:\s*[,;:])+|^\s*[,;:.]\s*|\s+(?=[,;:.!?])|[,;:]\s*(?=[.!?])")]
    private static partial Regex DanglingPunctuationPattern();

    [GeneratedRegex(@"\(\s*[,;:]?\s*\)")]
    private static partial Regex EmptyParenthesesPattern();
}
