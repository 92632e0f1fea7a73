using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Assistant.Knowledge.Articles;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Fr;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace Assistant.Knowledge.Retrieval;

/// <summary>
/// Words to index terms, the same way for articles and questions: product names joined (V-room, v room, vroom are one
/// term, never stemmed), then Lucene's chain per language: standard tokenizer, elision (l', d', qu'...), lower case,
/// accent folding, stop words (folded, so "a" and "à" are both dropped), light stemming (French light stemmer, Porter
/// for English). A question typed without accents or in capitals gives the same terms as the article.
/// </summary>
public static partial class TextAnalysis
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;

    // Words every support question carries and no article is about.
    private static readonly string[] FrenchExtraStops =
    [
        "bonjour", "bonsoir", "salut", "merci", "svp", "stp", "plait", "comment", "pourquoi", "quand", "quoi", "faire", "fait",
        "peux", "peut", "pouvez", "puis", "veux", "voudrais", "voudrait", "aimerais", "souhaite", "besoin", "aide", "aider",
        "est-ce", "estce", "ca", "cela", "ceci", "il", "y", "ya", "dois", "doit", "faut", "possible", "madame", "monsieur",
        "probleme", "soucis", "souci", "question", "savoir", "sais", "rien", "tout", "toujours", "encore", "deja", "plus",
        "alors", "donc", "mais", "aussi", "bien", "tres", "trop", "vraiment", "arrive", "arriver", "marche", "fonctionne",
        "fonctionner", "depuis", "moment", "quelque", "chose", "merci", "besoin",
    ];

    private static readonly string[] EnglishExtraStops =
    [
        "hello", "hi", "hey", "please", "thanks", "thank", "how", "why", "what", "when", "where", "which", "who", "can", "could",
        "would", "should", "do", "does", "did", "i", "i'm", "im", "me", "my", "mine", "we", "our", "you", "your", "it's", "get",
        "want", "need", "help", "problem", "issue", "question", "know", "still", "just", "again", "any", "some", "am", "have",
        "has", "had", "been", "way", "there", "here", "from", "about", "its", "so", "very", "really", "also", "can't", "cant",
        "cannot", "won't", "don't", "doesn't", "isn't", "didn't", "work", "works", "working", "worked", "anything",
    ];

    private static readonly CharArraySet ProductTerms = new(Version, ["vroom", "ibox"], ignoreCase: false);
    private static readonly CharArraySet FrenchStops = FoldedSet(FrenchAnalyzer.DefaultStopSet, FrenchExtraStops);
    private static readonly CharArraySet EnglishStops = FoldedSet(StandardAnalyzer.STOP_WORDS_SET, EnglishExtraStops);
    private static readonly Analyzer French = new ChainAnalyzer(english: false);
    private static readonly Analyzer English = new ChainAnalyzer(english: true);

    /// <summary>The terms of a text in the given language, in order, repeats kept.</summary>
    public static List<string> Terms(string text, string language)
    {
        var terms = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return terms;
        }
        var analyzer = language == ArticleLanguages.English ? English : French;
        using var stream = analyzer.GetTokenStream("text", new StringReader(JoinProductNames(text)));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }
        stream.End();
        return terms;
    }

    /// <summary>"V-room", "v room", "V-Rooms", "I-box" become the single terms vroom and ibox; "mdp" is spelled out.</summary>
    internal static string JoinProductNames(string text)
    {
        var joined = VroomPattern().Replace(text, " vroom ");
        joined = IboxPattern().Replace(joined, " ibox ");
        return PasswordAbbreviationPattern().Replace(joined, " mot de passe ");
    }

    internal static string Fold(string value)
    {
        var decomposed = value.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var result = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                result.Append(c);
            }
        }
        return result.ToString().Normalize(NormalizationForm.FormC);
    }

    private static CharArraySet FoldedSet(CharArraySet words, string[] extra)
    {
        var set = new CharArraySet(Version, 256, ignoreCase: true);
        foreach (var word in words)
        {
            set.Add(Fold(word));
        }
        foreach (var word in extra)
        {
            set.Add(word);
        }
        return set;
    }

    [GeneratedRegex(@"\bv[\s\-_.]?rooms?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VroomPattern();

    [GeneratedRegex(@"\bi[\s\-_.]?box(?:es)?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IboxPattern();

    [GeneratedRegex(@"\bmdp\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PasswordAbbreviationPattern();

    private sealed class ChainAnalyzer(bool english) : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var source = new StandardTokenizer(Version, reader);
            TokenStream result = english ? new EnglishPossessiveFilter(Version, source) : new ElisionFilter(source, FrenchAnalyzer.DEFAULT_ARTICLES);
            result = new LowerCaseFilter(Version, result);
            result = new ASCIIFoldingFilter(result);
            if (!english)
            {
                // Folding first turned "qu’" typed with a curly quote and "l'" into plain forms; elide once more after it.
                result = new ElisionFilter(result, FrenchAnalyzer.DEFAULT_ARTICLES);
            }
            result = new StopFilter(Version, result, english ? EnglishStops : FrenchStops);
            result = new LengthFilter(Version, result, 2, 40);
            result = new SetKeywordMarkerFilter(result, ProductTerms);
            result = english ? new PorterStemFilter(result) : new FrenchLightStemFilter(result);
            return new TokenStreamComponents(source, result);
        }
    }
}
