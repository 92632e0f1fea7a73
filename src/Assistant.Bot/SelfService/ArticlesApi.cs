using System.Security.Claims;
using Assistant.Bot.Admin.Audit;
using Assistant.Bot.Auth;
using Assistant.Knowledge.Articles;
using Assistant.Knowledge.Retrieval;
using Assistant.Ticketing;
using Assistant.Ticketing.Operators;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assistant.Bot.SelfService;

public sealed record ArticleFields(string? Title, string? Body, List<string>? Products, List<string>? Categories, List<string>? Tags, string? Link);

public sealed record ArticleSaveRequest(string? Title, string? Body, List<string>? Products, List<string>? Categories, List<string>? Tags, string? Link, string? Reason);

/// <param name="Question">Optional: how confident the search would be for this question with the candidate text served.</param>
public sealed record ArticlePreviewRequest(string? Title, string? Body, List<string>? Products, List<string>? Categories, List<string>? Tags, string? Link, string? Question);

public sealed record ArticlePreviewResponse(string Title, string Extract, string Link, string? Decision, float? Confidence, string? BestArticle);

/// <param name="Version">The version to publish or restore; 0 is the shipped file.</param>
public sealed record ArticleVersionRequest(int Version, string? Reason);

public sealed record ArticleReasonRequest(string? Reason);

public sealed record ArticleVersionResponse(int Version, string Title, string Body, IReadOnlyList<string> Products, IReadOnlyList<string> Categories,
    IReadOnlyList<string> Tags, string Link, DateTimeOffset SavedAt, string? SavedByName, string Reason, int? RestoredFrom)
{
    public static ArticleVersionResponse From(ArticleVersion v) =>
        new(v.Version, v.Title, v.Body, v.Products, v.Categories, v.Tags, v.Link, v.SavedAt, v.SavedByName, v.Reason, v.RestoredFrom);
}

/// <param name="Published">The version served: 0 the shipped file, -1 unpublished, null an admin's article never published.</param>
public sealed record ArticleResponse(string Id, string Language, int? Published, SelfServiceArticle? Served, ArticleVersionResponse? Shipped, IReadOnlyList<ArticleVersionResponse> History);

/// <summary>
/// Editing help articles from the admin console, like the reply templates: a save is a new version (a draft, not
/// served); preview shows the chat's extract and, for a question, what the search would decide; publish serves a
/// version from the next question on, unpublish serves none, rollback republishes an earlier version (0: the file) as a
/// new one. Every change needs a reason and is audited.
/// </summary>
public static class ArticlesApi
{
    public const int MaxBodyLength = 20_000;

    public static RouteGroupBuilder MapArticlesApi(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/selfservice/articles/{operatorId}/{slug}/{language}").WithTags("Admin: self-service answers");
        group.MapGet("/", Get).WithSummary("An article: the text served, the shipped file, the saved versions");
        group.MapPut("/", SaveAsync).WithSummary("Saves a new version (a draft, not served until published), with a reason");
        group.MapPost("/preview", Preview).WithSummary("The chat's extract of a candidate text and, for a question, the search's decision with it served");
        group.MapPost("/publish", PublishAsync).WithSummary("Serves a saved version (0: the shipped file) from the next question on");
        group.MapPost("/unpublish", UnpublishAsync).WithSummary("Stops serving the article");
        group.MapPost("/rollback", RollbackAsync).WithSummary("Copies an earlier version (0: the shipped file) as a new version and publishes it");
        return admin;
    }

    internal static Results<Ok<ArticleResponse>, NotFound> Get(string operatorId, string slug, string language, ArticleCatalog catalog, ArticleVersions versions, KnowledgeBase knowledge) =>
        Describe(operatorId, slug, language, catalog, versions, knowledge) is { } article ? TypedResults.Ok(article) : TypedResults.NotFound();

    /// <summary>The article as the console shows it; null when neither a file nor a saved version exists.</summary>
    private static ArticleResponse? Describe(string operatorId, string slug, string language, ArticleCatalog catalog, ArticleVersions versions, KnowledgeBase knowledge)
    {
        var key = ArticleVersions.Key(operatorId, slug, language);
        var shipped = catalog.ShippedArticle(operatorId, slug, language);
        var history = versions.History(key);
        if (shipped is null && history.Count == 0)
        {
            return null;
        }
        var served = knowledge.Find(operatorId, slug, language);
        return new ArticleResponse($"{operatorId}/{slug}", language,
            versions.Publication(key)?.Version ?? (shipped is null ? null : ArticlePublication.Shipped),
            served is null ? null : new SelfServiceArticle(served.Id, served.Language, served.Title, served.Link, served.Products, served.Categories, served.Updated),
            shipped is null ? null : ArticleVersionResponse.From(FromArticle(shipped)),
            [.. history.Select(ArticleVersionResponse.From)]);
    }

    internal static async Task<Results<Ok<ArticleVersionResponse>, ValidationProblem>> SaveAsync(
        string operatorId, string slug, string language, ArticleSaveRequest request, ClaimsPrincipal user,
        ArticleVersions versions, IOperatorCatalog operators, AuditLog audit)
    {
        var fields = new ArticleFields(request.Title, request.Body, request.Products, request.Categories, request.Tags, request.Link);
        var errors = Validate(operatorId, slug, language, fields, operators, out var article);
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            errors["reason"] = ["Say why the article changes."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var scope = user.Scope();
        var saved = await versions.AddAsync(new ArticleVersion
        {
            Article = ArticleVersions.Key(operatorId, slug, language),
            Title = article!.Title,
            Body = article.Body,
            Products = [.. article.Products],
            Categories = [.. article.Categories],
            Tags = [.. article.Tags],
            Link = article.Link,
            SavedAt = DateTimeOffset.UtcNow,
            SavedBy = AuditActors.Staff(scope.StaffId),
            SavedByName = scope.DisplayName,
            Reason = request.Reason!.Trim(),
        });
        audit.Record(user, "article.save", saved.Article, $"version {saved.Version} (draft): {saved.Reason}", operatorId);
        return TypedResults.Ok(ArticleVersionResponse.From(saved));
    }

    internal static Results<Ok<ArticlePreviewResponse>, ValidationProblem> Preview(
        string operatorId, string slug, string language, ArticlePreviewRequest request, IOperatorCatalog operators, KnowledgeBase knowledge)
    {
        var errors = Validate(operatorId, slug, language, new ArticleFields(request.Title, request.Body, request.Products, request.Categories, request.Tags, request.Link), operators, out var article);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        string? decision = null;
        float? confidence = null;
        string? best = null;
        if (!string.IsNullOrWhiteSpace(request.Question))
        {
            // The served articles with this candidate in its place, searched as the chat would.
            var candidate = new KnowledgeBase(
                [.. knowledge.Articles.Where(a => !(a.OperatorId == operatorId && a.Slug == slug && a.Language == language)), article!], knowledge.Thresholds);
            var retrieval = candidate.Search(operatorId, language, request.Question);
            decision = retrieval.Decision.ToString().ToLowerInvariant();
            confidence = retrieval.Confidence;
            best = retrieval.Ranked.Count > 0 ? retrieval.Ranked[0].Article.Id : null;
        }
        return TypedResults.Ok(new ArticlePreviewResponse(article!.Title, ArticleExtract.Of(article), article.Link, decision, confidence, best));
    }

    internal static async Task<Results<Ok<ArticleResponse>, NotFound, ValidationProblem>> PublishAsync(
        string operatorId, string slug, string language, ArticleVersionRequest request, ClaimsPrincipal user,
        ArticleCatalog catalog, ArticleVersions versions, KnowledgeBase knowledge, AuditLog audit)
    {
        var key = ArticleVersions.Key(operatorId, slug, language);
        if (request.Version == ArticlePublication.Shipped ? catalog.ShippedArticle(operatorId, slug, language) is null : versions.Find(key, request.Version) is null)
        {
            return TypedResults.NotFound();
        }
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["Say why this version is published."] });
        }
        await versions.PublishAsync(key, request.Version);
        catalog.Refresh(knowledge);
        audit.Record(user, "article.publish", key, $"version {request.Version}{(request.Version == 0 ? " (shipped file)" : "")}: {request.Reason.Trim()}", operatorId);
        return TypedResults.Ok(Describe(operatorId, slug, language, catalog, versions, knowledge)!);
    }

    internal static async Task<Results<Ok<ArticleResponse>, NotFound, ValidationProblem>> UnpublishAsync(
        string operatorId, string slug, string language, ArticleReasonRequest request, ClaimsPrincipal user,
        ArticleCatalog catalog, ArticleVersions versions, KnowledgeBase knowledge, AuditLog audit)
    {
        var key = ArticleVersions.Key(operatorId, slug, language);
        if (catalog.ShippedArticle(operatorId, slug, language) is null && versions.History(key).Count == 0)
        {
            return TypedResults.NotFound();
        }
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["Say why the article is withdrawn."] });
        }
        await versions.PublishAsync(key, ArticlePublication.Unpublished);
        catalog.Refresh(knowledge);
        audit.Record(user, "article.unpublish", key, request.Reason.Trim(), operatorId);
        return TypedResults.Ok(Describe(operatorId, slug, language, catalog, versions, knowledge)!);
    }

    internal static async Task<Results<Ok<ArticleResponse>, NotFound, ValidationProblem>> RollbackAsync(
        string operatorId, string slug, string language, ArticleVersionRequest request, ClaimsPrincipal user,
        ArticleCatalog catalog, ArticleVersions versions, KnowledgeBase knowledge, AuditLog audit)
    {
        var key = ArticleVersions.Key(operatorId, slug, language);
        var source = request.Version == ArticlePublication.Shipped
            ? catalog.ShippedArticle(operatorId, slug, language) is { } file ? FromArticle(file) : null
            : versions.Find(key, request.Version);
        if (source is null)
        {
            return TypedResults.NotFound();
        }
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["Say why the article is rolled back."] });
        }
        var scope = user.Scope();
        var copy = await versions.AddAsync(new ArticleVersion
        {
            Article = key,
            Title = source.Title,
            Body = source.Body,
            Products = [.. source.Products],
            Categories = [.. source.Categories],
            Tags = [.. source.Tags],
            Link = source.Link,
            SavedAt = DateTimeOffset.UtcNow,
            SavedBy = AuditActors.Staff(scope.StaffId),
            SavedByName = scope.DisplayName,
            Reason = request.Reason.Trim(),
            RestoredFrom = request.Version,
        });
        await versions.PublishAsync(key, copy.Version);
        catalog.Refresh(knowledge);
        audit.Record(user, "article.rollback", key, $"version {copy.Version} restores version {request.Version}: {copy.Reason}", operatorId);
        return TypedResults.Ok(Describe(operatorId, slug, language, catalog, versions, knowledge)!);
    }

    /// <summary>The same checks as a shipped file (the fields are written out as one and parsed), plus the taxonomy ids.</summary>
    private static Dictionary<string, string[]> Validate(string operatorId, string slug, string language, ArticleFields fields, IOperatorCatalog operators, out Article? article)
    {
        article = null;
        var errors = new Dictionary<string, string[]>();
        if (operators.Find(operatorId) is null)
        {
            errors["operatorId"] = [$"Unknown operator '{operatorId}'."];
        }
        if (!ArticleLanguages.IsKnown(language))
        {
            errors["language"] = ["fr or en."];
        }
        if (fields.Products is not { Count: > 0 } products || products.Any(p => !Taxonomy.IsProduct(p)))
        {
            errors["products"] = [$"One or more of: {string.Join(", ", Taxonomy.Products)}."];
        }
        if (fields.Categories is not { Count: > 0 } categories || categories.Any(c => !Taxonomy.IsCategory(c)))
        {
            errors["categories"] = [$"One or more of: {string.Join(", ", Taxonomy.Categories)}."];
        }
        if (fields.Body is { Length: > MaxBodyLength })
        {
            errors["body"] = [$"At most {MaxBodyLength} characters."];
        }
        if (fields.Title?.Contains('\n', StringComparison.Ordinal) == true || (fields.Tags ?? []).Any(t => t.Contains(',', StringComparison.Ordinal) || t.Contains('\n', StringComparison.Ordinal)))
        {
            errors["title"] = ["The title and each tag are one line; a tag has no comma."];
        }
        if (errors.Count > 0)
        {
            return errors;
        }
        var text = $"---\ntitle: {fields.Title?.Trim()}\nproducts: {string.Join(", ", fields.Products!)}\ncategories: {string.Join(", ", fields.Categories!)}\n"
            + $"tags: {string.Join(", ", fields.Tags ?? [])}\nlink: {fields.Link?.Trim()}\nupdated: {DateTime.UtcNow:yyyy-MM-dd}\n---\n{fields.Body}";
        try
        {
            article = ArticleFile.Parse(operatorId, $"{slug}.{language}.md", text);
        }
        catch (FormatException ex)
        {
            errors["article"] = [ex.Message];
        }
        return errors;
    }

    private static ArticleVersion FromArticle(Article article) => new()
    {
        Title = article.Title,
        Body = article.Body,
        Products = [.. article.Products],
        Categories = [.. article.Categories],
        Tags = [.. article.Tags],
        Link = article.Link,
        SavedAt = new DateTimeOffset(article.Updated.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        Reason = "shipped file",
    };
}
