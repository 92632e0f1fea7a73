namespace Assistant.Bot.SelfService;

/// <summary>What the admin console shows of the self-service answers over a period.</summary>
/// <param name="Offered">Times articles were given (an answer or a list).</param>
/// <param name="Assumed">Left without a yes or a no for longer than the assumed-resolution delay.</param>
/// <param name="Open">Still waiting, within that delay.</param>
/// <param name="NothingFound">Problems for which no article was close enough (they went on to the ticket).</param>
public sealed record SelfServiceFigures(
    DateTimeOffset From, int Offered, int Confirmed, int Assumed, int NotHelped, int Open, int NothingFound,
    IReadOnlyList<ArticleFigures> Articles, IReadOnlyList<UnansweredQuestion> Unanswered)
{
    /// <summary>Confirmed and assumed resolutions over offers: the share of offers that ended without a ticket.</summary>
    public double ResolutionRate => Offered == 0 ? 0 : (double)(Confirmed + Assumed) / Offered;

    public static SelfServiceFigures Count(IReadOnlyList<SelfServiceOutcome> outcomes, DateTimeOffset from, DateTimeOffset now, TimeSpan assumedAfter)
    {
        bool IsAssumed(SelfServiceOutcome o) => o.Result == SelfServiceResults.Open && now - o.OfferedAt >= assumedAfter;
        var offers = outcomes.Where(o => o.Decision != SelfServiceDecisions.Nothing).ToList();
        // Each article shown is counted; an answer shows one, a list up to three.
        var articles = offers
            .SelectMany(o => o.Articles.Select(a => (Article: a, Outcome: o)))
            .GroupBy(x => x.Article)
            .Select(g => new ArticleFigures(
                g.Key,
                g.Count(),
                g.Count(x => x.Outcome.Result == SelfServiceResults.Confirmed),
                g.Count(x => IsAssumed(x.Outcome)),
                g.Count(x => x.Outcome.Result == SelfServiceResults.NotHelped)))
            .OrderByDescending(a => a.NotHelped).ThenByDescending(a => a.Offered).ThenBy(a => a.Article, StringComparer.Ordinal)
            .ToList();
        var nothing = outcomes.Where(o => o.Decision == SelfServiceDecisions.Nothing).OrderByDescending(o => o.OfferedAt).ToList();
        return new SelfServiceFigures(
            from,
            offers.Count,
            offers.Count(o => o.Result == SelfServiceResults.Confirmed),
            offers.Count(IsAssumed),
            offers.Count(o => o.Result == SelfServiceResults.NotHelped),
            offers.Count(o => o.Result == SelfServiceResults.Open && !IsAssumed(o)),
            nothing.Count,
            articles,
            [.. nothing.Take(100).Select(o => new UnansweredQuestion(o.OperatorId, o.Language, o.Question ?? "", o.OfferedAt, o.Confidence))]);
    }
}

public sealed record ArticleFigures(string Article, int Offered, int Confirmed, int Assumed, int NotHelped);

public sealed record UnansweredQuestion(string OperatorId, string Language, string Question, DateTimeOffset At, float BestConfidence);
