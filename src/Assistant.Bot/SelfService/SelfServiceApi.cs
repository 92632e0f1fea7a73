using Assistant.Knowledge.Retrieval;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.SelfService;

public sealed record SelfServiceArticle(string Id, string Language, string Title, string Link, IReadOnlyList<string> Products, IReadOnlyList<string> Categories, DateOnly Updated);

/// <summary>Admin: the articles in use and the figures of the self-service answers.</summary>
public static class SelfServiceApi
{
    public static RouteGroupBuilder MapSelfServiceApi(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/selfservice").WithTags("Admin: self-service answers");
        group.MapGet("/figures", Figures).WithSummary("Answers offered, confirmed and assumed resolutions, 'did not help' by article, and the questions that found nothing (default: the last 30 days)");
        group.MapGet("/articles", Articles).WithSummary("The help articles in use, per operator and language");
        admin.MapArticlesApi();
        return admin;
    }

    internal static Results<Ok<SelfServiceFigures>, ValidationProblem> Figures(int? days, SelfServiceLog log, IOptions<SelfServiceOptions> options, TimeProvider time)
    {
        if (days is < 1 or > 366)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["days"] = ["Between 1 and 366."] });
        }
        var now = time.GetUtcNow();
        var from = now.AddDays(-(days ?? 30));
        return TypedResults.Ok(SelfServiceFigures.Count(log.Since(from), from, now, options.Value.AssumedResolutionAfter));
    }

    internal static Ok<IReadOnlyList<SelfServiceArticle>> Articles(string? operatorId, KnowledgeBase knowledge) =>
        TypedResults.Ok<IReadOnlyList<SelfServiceArticle>>([.. knowledge.Articles
            .Where(a => string.IsNullOrWhiteSpace(operatorId) || a.OperatorId == operatorId)
            .OrderBy(a => a.Id, StringComparer.Ordinal).ThenBy(a => a.Language, StringComparer.Ordinal)
            .Select(a => new SelfServiceArticle(a.Id, a.Language, a.Title, a.Link, a.Products, a.Categories, a.Updated))]);
}
