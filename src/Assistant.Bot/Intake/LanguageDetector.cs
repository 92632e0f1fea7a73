namespace Assistant.Bot.Intake;

/// <summary>
/// French unless the message reads as English. Counts common function words of each language; a tie keeps
/// the conversation's current language so one ambiguous word ("ok", an e-mail) never flips it.
/// </summary>
public static class LanguageDetector
{
    public const string French = "fr";
    public const string English = "en";

    private static readonly HashSet<string> EnglishWords =
    [
        "the", "is", "my", "i", "you", "your", "can't", "cannot", "not", "and", "with", "please", "hello", "hi",
        "does", "doesn't", "don't", "it", "to", "of", "for", "have", "has", "this", "that", "what", "where", "how",
        "why", "when", "need", "help", "work", "working", "account", "invoice", "yes", "no", "thanks", "thank",
        "want", "would", "could", "am", "are", "was", "since", "login", "broken", "down", "again", "still", "an",
    ];

    private static readonly HashSet<string> FrenchWords =
    [
        "le", "la", "les", "je", "j'ai", "mon", "ma", "mes", "vous", "votre", "est", "pas", "ne", "et", "avec",
        "bonjour", "merci", "une", "un", "des", "du", "de", "pour", "sur", "dans", "il", "elle", "on", "ça", "ca",
        "plus", "oui", "non", "quoi", "comment", "pourquoi", "facture", "compte", "marche", "fonctionne", "depuis",
        "j'arrive", "n'arrive", "c'est", "qui", "que", "au", "aux", "suis", "peux", "svp", "encore", "toujours",
    ];

    public static string Detect(string text, string current)
    {
        var english = 0;
        var french = 0;
        foreach (var raw in text.ToLowerInvariant().Split([' ', ',', '.', '!', '?', ';', ':', '\n', '\t', '"', '(', ')'], StringSplitOptions.RemoveEmptyEntries))
        {
            var word = raw.Replace('’', '\'');
            if (EnglishWords.Contains(word))
            {
                english++;
            }
            if (FrenchWords.Contains(word))
            {
                french++;
            }
        }
        if (english > french && english >= 1)
        {
            return English;
        }
        if (french > english)
        {
            return French;
        }
        return current;
    }
}
