using Assistant.Knowledge.Articles;

namespace Assistant.Knowledge.Retrieval;

/// <summary>
/// Every published article, one index per operator and language, kept in memory. <see cref="Replace"/> builds the new
/// indexes aside and swaps them in one assignment, so a search never sees half an update.
/// </summary>
public sealed class KnowledgeBase
{
    private volatile Snapshot _snapshot;

    public KnowledgeBase(IEnumerable<Article> articles, RetrievalThresholds? thresholds = null)
    {
        Thresholds = thresholds ?? new RetrievalThresholds();
        _snapshot = Snapshot.Build(articles);
    }

    public RetrievalThresholds Thresholds { get; set; }

    public IReadOnlyList<Article> Articles => _snapshot.Articles;

    public void Replace(IEnumerable<Article> articles) => _snapshot = Snapshot.Build(articles);

    public Article? Find(string operatorId, string slug, string language) =>
        _snapshot.Articles.FirstOrDefault(a => a.OperatorId == operatorId && a.Slug == slug && a.Language == language);

    /// <summary>The articles of this operator, in this language, that answer the question, and what to do with them.</summary>
    public Retrieval Search(string operatorId, string language, string question)
    {
        if (!_snapshot.Indexes.TryGetValue((operatorId, language), out var index))
        {
            return Retrieval.None;
        }
        var ranked = index.Search(question, language, limit: 10)
            .Select(r => new ArticleMatch(r.Article, Confidence(r), r.Score))
            .ToList();
        return Decide(ranked, Thresholds);
    }

    /// <summary>The decision for a ranked list, with the given thresholds (the tuning command tries many on one ranking).</summary>
    public static Retrieval Decide(IReadOnlyList<ArticleMatch> ranked, RetrievalThresholds thresholds)
    {
        if (ranked.Count == 0 || ranked[0].Confidence < thresholds.Offer)
        {
            return new Retrieval(RetrievalDecision.Nothing, [], ranked);
        }
        if (ranked[0].Confidence >= thresholds.Answer)
        {
            return new Retrieval(RetrievalDecision.Answer, [ranked[0]], ranked);
        }
        var offered = ranked.Where(m => m.Confidence >= thresholds.Offer).Take(RetrievalThresholds.MaxOffered).ToList();
        return new Retrieval(RetrievalDecision.Offer, offered, ranked);
    }

    /// <summary>The confidence is the coverage: how much of what the question says the article speaks of.</summary>
    private static float Confidence(ScoredArticle result) => Math.Clamp(result.Coverage, 0f, 1f);

    private sealed record Snapshot(IReadOnlyList<Article> Articles, Dictionary<(string Operator, string Language), ArticleIndex> Indexes)
    {
        public static Snapshot Build(IEnumerable<Article> articles)
        {
            var all = articles.ToList();
            var indexes = all.GroupBy(a => (a.OperatorId, a.Language)).ToDictionary(g => g.Key, g => new ArticleIndex(g));
            return new Snapshot(all, indexes);
        }
    }
}
