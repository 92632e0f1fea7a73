using System.Security.Claims;
using Assistant.Bot.Admin.Audit;
using Assistant.Bot.Auth;
using Assistant.Moderation.Serving;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assistant.Bot.Admin.Models;

public sealed record ModelVersionResponse(string Version, bool Current, DateTimeOffset TrainedAt, string DataHash, int HeldOutRows, IReadOnlyDictionary<string, double> Metrics, GateResult Gate);

public sealed record ModelsResponse(string? Current, IReadOnlyList<ModelVersionResponse> Versions);

public sealed record PromoteRequest(string? Reason);

/// <summary>
/// The saved model sets with their held-out metrics and gate verdict, side by side, and promotion of one that
/// passed the gate (audited). Training stays in the CLI (<c>Assistant.Moderation.Cli train</c>): it is too heavy for a request.
/// </summary>
public static class ModelsApi
{
    public static RouteGroupBuilder MapModelsApi(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/models").WithTags("Admin: models");
        group.MapGet("/", List).WithSummary("Saved model sets, newest first: metrics on the held-out split, gate verdict, which one is served");
        group.MapPost("/{version}/promote", Promote).WithSummary("Serves a model set from the next message on; refused when it failed the gate");
        return admin;
    }

    internal static Ok<ModelsResponse> List(IModelCatalog models)
    {
        var current = models.CurrentVersion;
        return TypedResults.Ok(new ModelsResponse(current, models.ListVersions()
            .OrderByDescending(m => m.TrainedAt)
            .Select(m => new ModelVersionResponse(m.Version, m.Version == current, m.TrainedAt, m.DataHash, m.HeldOutRows, m.Metrics, m.Gate))
            .ToList()));
    }

    internal static Results<Ok<ModelVersionResponse>, NotFound, ValidationProblem, ProblemHttpResult> Promote(
        string version, PromoteRequest request, ClaimsPrincipal user, IModelCatalog models, AuditLog audit)
    {
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["Say why this model set is promoted."] });
        }

        var manifest = models.ListVersions().FirstOrDefault(m => m.Version == version);
        if (manifest is null)
        {
            return TypedResults.NotFound();
        }

        if (!manifest.Gate.Passed)
        {
            return TypedResults.Problem($"Model set {version} failed the promotion gate: {string.Join("; ", manifest.Gate.Failures)}",
                statusCode: StatusCodes.Status409Conflict, title: "Gate failed");
        }

        var before = models.CurrentVersion;
        models.Promote(version, AuditActors.Staff(user.Scope().StaffId));
        audit.Record(user, "model.promote", version, $"{before ?? "none"} → {version}: {request.Reason.Trim()}");
        return TypedResults.Ok(new ModelVersionResponse(manifest.Version, true, manifest.TrainedAt, manifest.DataHash, manifest.HeldOutRows, manifest.Metrics, manifest.Gate));
    }
}
