using Assistant.Knowledge.Articles;

namespace Assistant.Knowledge.Retrieval;

/// <summary>
/// The articles of one operator in one language, indexed for BM25 over weighted fields (a title word counts three
/// times, a tag word twice, a body word once: BM25F with one length per article). Immutable: a change of articles
/// builds a new index. A question term the articles do not know is matched to a known term one edit away (a typo:
/// a letter missing, extra, wrong or two letters swapped), found through a table of every known term minus one letter.
/// </summary>
public sealed class ArticleIndex
{
    public const float TitleWeight = 3f;
    public const float TagsWeight = 2f;
    public const float BodyWeight = 1f;
    private const float K1 = 1.2f;
    private const float B = 0.75f;
    private const int MinFuzzyLength = 4;
    /// <summary>A term corrected for a typo weighs a little less than one typed right.</summary>
    private const float FuzzyWeight = 0.8f;
    /// <summary>A question term only the body mentions is weaker evidence that the article is about it (tuned: README).</summary>
    private const float BodyOnlyCoverage = 0.7f;

    private readonly Article[] _articles;
    private readonly Dictionary<string, Posting[]> _postings;
    private readonly Dictionary<string, List<string>> _deletions = new(StringComparer.Ordinal);
    private readonly float _unknownIdf;

    public ArticleIndex(IEnumerable<Article> articles)
    {
        _articles = [.. articles];
        var weighted = new Dictionary<string, float>[_articles.Length];
        var headed = new HashSet<string>[_articles.Length];
        var lengths = new float[_articles.Length];
        for (var i = 0; i < _articles.Length; i++)
        {
            var article = _articles[i];
            var terms = new Dictionary<string, float>(StringComparer.Ordinal);
            lengths[i] = Add(terms, article.Title, article.Language, TitleWeight)
                + Add(terms, string.Join(", ", article.Tags), article.Language, TagsWeight)
                + Add(terms, article.Body, article.Language, BodyWeight);
            weighted[i] = terms;
            headed[i] = [.. TextAnalysis.Terms(article.Title, article.Language), .. TextAnalysis.Terms(string.Join(", ", article.Tags), article.Language)];
        }
        var averageLength = _articles.Length == 0 ? 1f : Math.Max(1f, lengths.Average());
        var lists = new Dictionary<string, List<Posting>>(StringComparer.Ordinal);
        for (var i = 0; i < _articles.Length; i++)
        {
            var norm = K1 * (1 - B + B * lengths[i] / averageLength);
            foreach (var (term, tf) in weighted[i])
            {
                if (!lists.TryGetValue(term, out var list))
                {
                    lists[term] = list = [];
                }
                // The saturated term frequency of BM25, computed once here; a question only multiplies by the idf.
                list.Add(new Posting(i, tf * (K1 + 1) / (tf + norm), headed[i].Contains(term) ? 1f : BodyOnlyCoverage));
            }
        }
        _postings = lists.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        foreach (var term in _postings.Keys)
        {
            if (term.Length >= MinFuzzyLength)
            {
                foreach (var deletion in Deletions(term))
                {
                    if (!_deletions.TryGetValue(deletion, out var list))
                    {
                        _deletions[deletion] = list = [];
                    }
                    list.Add(term);
                }
            }
        }
        _unknownIdf = Idf(0);
    }

    public IReadOnlyList<Article> Articles => _articles;

    /// <summary>
    /// The articles that share terms with the question, best first, each with its BM25 score and its coverage: the share
    /// of the question's weight (idf) that the article contains (a term only its body has counts 0.7). A term no article knows weighs as much as the rarest.
    /// </summary>
    public IReadOnlyList<ScoredArticle> Search(string question, string language, int limit)
    {
        var queryTerms = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var term in TextAnalysis.Terms(question, language))
        {
            queryTerms[term] = 1f;
        }
        if (queryTerms.Count == 0 || _articles.Length == 0)
        {
            return [];
        }
        var scores = new float[_articles.Length];
        var covered = new float[_articles.Length];
        var totalWeight = 0f;
        foreach (var (typed, _) in queryTerms)
        {
            var (term, weight) = _postings.ContainsKey(typed) ? (typed, 1f) : (Correct(typed), FuzzyWeight);
            if (term is null || !_postings.TryGetValue(term, out var postings))
            {
                totalWeight += _unknownIdf;
                continue;
            }
            var idf = Idf(postings.Length);
            totalWeight += idf;
            foreach (var posting in postings)
            {
                scores[posting.Article] += weight * idf * posting.Saturated;
                covered[posting.Article] += weight * idf * posting.Coverage;
            }
        }
        var results = new List<ScoredArticle>();
        for (var i = 0; i < scores.Length; i++)
        {
            if (scores[i] > 0)
            {
                results.Add(new ScoredArticle(_articles[i], scores[i], covered[i] / totalWeight));
            }
        }
        results.Sort((a, b) => b.Score.CompareTo(a.Score));
        return results.Count > limit ? results[..limit] : results;
    }

    private float Idf(int documentFrequency) =>
        MathF.Log(1 + (_articles.Length - documentFrequency + 0.5f) / (documentFrequency + 0.5f));

    /// <summary>The known term one edit from <paramref name="typed"/> that most articles use, or null.</summary>
    private string? Correct(string typed)
    {
        if (typed.Length < MinFuzzyLength)
        {
            return null;
        }
        string? best = null;
        var bestFrequency = 0;
        void Consider(string candidate)
        {
            if (_postings.TryGetValue(candidate, out var postings) && postings.Length > bestFrequency && WithinOneEdit(typed, candidate))
            {
                best = candidate;
                bestFrequency = postings.Length;
            }
        }
        if (_deletions.TryGetValue(typed, out var longer))
        {
            longer.ForEach(Consider);
        }
        foreach (var deletion in Deletions(typed))
        {
            Consider(deletion);
            if (_deletions.TryGetValue(deletion, out var same))
            {
                same.ForEach(Consider);
            }
        }
        return best;
    }

    private static IEnumerable<string> Deletions(string term)
    {
        for (var i = 0; i < term.Length; i++)
        {
            yield return string.Concat(term.AsSpan(0, i), term.AsSpan(i + 1));
        }
    }

    /// <summary>Optimal string alignment distance of at most one (insert, delete, substitute, or swap two neighbours).</summary>
    internal static bool WithinOneEdit(string a, string b)
    {
        if (a == b)
        {
            return true;
        }
        if (Math.Abs(a.Length - b.Length) > 1)
        {
            return false;
        }
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }
        if (a.Length == b.Length)
        {
            return a.AsSpan(prefix + 1).SequenceEqual(b.AsSpan(prefix + 1))
                || (prefix + 1 < a.Length && a[prefix] == b[prefix + 1] && a[prefix + 1] == b[prefix] && a.AsSpan(prefix + 2).SequenceEqual(b.AsSpan(prefix + 2)));
        }
        var (shorter, longer) = a.Length < b.Length ? (a, b) : (b, a);
        return shorter.AsSpan(prefix).SequenceEqual(longer.AsSpan(prefix + 1));
    }

    private static float Add(Dictionary<string, float> terms, string text, string language, float weight)
    {
        var count = 0;
        foreach (var term in TextAnalysis.Terms(text, language))
        {
            terms[term] = terms.GetValueOrDefault(term) + weight;
            count++;
        }
        return count * weight;
    }

    /// <param name="Coverage">How much the term counts towards coverage: fully when the title or tags name it, less when only the body does.</param>
    private readonly record struct Posting(int Article, float Saturated, float Coverage);
}

/// <param name="Coverage">The share (0..1) of the question's idf weight found in the article.</param>
public sealed record ScoredArticle(Article Article, float Score, float Coverage);
