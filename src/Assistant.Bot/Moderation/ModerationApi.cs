using Assistant.Moderation.Analysis;
using Assistant.Moderation.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assistant.Bot.Moderation;

/// <summary><c>POST /api/moderation/analyze</c>: moderation and triage of one text, for agents and admins.</summary>
public static class ModerationApi
{
    public static IEndpointRouteBuilder MapModerationApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/moderation")
            .WithTags("Moderation")
            .RequireAuthorization("agent");
        group.MapPost("/analyze", Analyze)
            .WithName("AnalyzeMessage")
            .WithSummary("Moderation label with calibrated scores, and triage (priority, category, product) of one message.");
        return endpoints;
    }

    internal static Results<Ok<AnalyzeResponse>, ValidationProblem> Analyze(AnalyzeRequest? request, IMessageAnalyzer analyzer)
    {
        var text = request?.Text;
        if (string.IsNullOrWhiteSpace(text))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = ["The text is required and must not be empty."] });
        }

        if (text.Length > TextNormalizer.MaxLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["text"] = [$"The text has {text.Length} characters; at most {TextNormalizer.MaxLength} are accepted."],
            });
        }

        var analysis = analyzer.Analyze(text);
        var moderation = analysis.Moderation;
        var triage = analysis.Triage;
        return TypedResults.Ok(new AnalyzeResponse(
            new ModerationResult(moderation.Label, new ScoresResult(moderation.Scores.Abusive, moderation.Scores.Offtopic), moderation.Action, moderation.DecidedBy),
            new TriageResult(triage.Priority, triage.Category, triage.Product, triage.PriorityDecidedBy, triage.CategoryConfidence, triage.ProductConfidence),
            analysis.ModelVersion));
    }
}

public sealed record AnalyzeRequest(string? Text);

public sealed record AnalyzeResponse(ModerationResult Moderation, TriageResult Triage, string ModelVersion);

public sealed record ModerationResult(string Label, ScoresResult Scores, string Action, string DecidedBy);

public sealed record ScoresResult(float Abusive, float Offtopic);

public sealed record TriageResult(string Priority, string Category, string Product, string PriorityDecidedBy, float CategoryConfidence, float ProductConfidence);
