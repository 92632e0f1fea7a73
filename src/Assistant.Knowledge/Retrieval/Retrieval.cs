using Assistant.Knowledge.Articles;

namespace Assistant.Knowledge.Retrieval;

public enum RetrievalDecision
{
    /// <summary>No article is close enough: say nothing, file the ticket.</summary>
    Nothing,
    /// <summary>One article answers: show its extract and ask whether it solved the problem.</summary>
    Answer,
    /// <summary>Not sure which: offer up to three titles with their links.</summary>
    Offer,
}

/// <summary>One article found for a question, with its confidence (0..1).</summary>
public sealed record ArticleMatch(Article Article, float Confidence, float Score);

/// <summary>The answer of the knowledge base to one question: the decision, and the articles it shows (best first).</summary>
public sealed record Retrieval(RetrievalDecision Decision, IReadOnlyList<ArticleMatch> Matches, IReadOnlyList<ArticleMatch> Ranked)
{
    public static readonly Retrieval None = new(RetrievalDecision.Nothing, [], []);

    public float Confidence => Ranked.Count == 0 ? 0f : Ranked[0].Confidence;
}
