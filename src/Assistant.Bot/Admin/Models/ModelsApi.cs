using System.Security.Claims;
using Assistant.Bot.Admin.Audit;
using Assistant.Bot.Auth;
using Assistant.Moderation.Serving;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assistant.Bot.Admin.Models;

/// <param name="Comparison">For a set retrained from the console: the then-served set's metrics on the same held-out rows.</param>
public sealed record ModelVersionResponse(
    string Version, bool Current, DateTimeOffset TrainedAt, string DataHash, int HeldOutRows, IReadOnlyDictionary<string, double> Metrics, GateResult Gate, ModelComparison? Comparison)
{
    public static ModelVersionResponse From(ModelManifest m, string? current, ModelComparison? comparison) =>
        new(m.Version, m.Version == current, m.TrainedAt, m.DataHash, m.HeldOutRows, m.Metrics, m.Gate, comparison);
}

public sealed record ModelsResponse(string? Current, IReadOnlyList<ModelVersionResponse> Versions);

/// <summary>The body of promote, discard and retrain: why (required, audited).</summary>
public sealed record ModelActionRequest(string? Reason);

/// <summary>
/// The saved model sets with their held-out metrics and gate verdict, side by side; retraining in the background with
/// the relabelled messages; promotion of a set that passed the gate, and discarding of one that is not served (audited).
/// </summary>
public static class ModelsApi
{
    public static RouteGroupBuilder MapModelsApi(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/models").WithTags("Admin: models");
        group.MapGet("/", List).WithSummary("Saved model sets, newest first: metrics on the held-out split, gate verdict, which one is served");
        group.MapPost("/{version}/promote", Promote).WithSummary("Serves a model set from the next message on; refused when it failed the gate");
        group.MapPost("/{version}/discard", Discard).WithSummary("Deletes a saved model set; refused for the served one");
        group.MapGet("/training", TrainingStatus).WithSummary("The console's retraining: idle, running, succeeded (with the new version) or failed");
        group.MapPost("/training", Retrain).WithSummary("Retrains in the background from the shipped data plus the relabelled messages; the new set is saved, not promoted");
        return admin;
    }

    internal static Ok<ModelsResponse> List(ModelProvider models)
    {
        var current = models.CurrentVersion;
        return TypedResults.Ok(new ModelsResponse(current, models.ListVersions()
            .OrderByDescending(m => m.TrainedAt)
            .Select(m => ModelVersionResponse.From(m, current, models.Store.ReadComparison(m.Version)))
            .ToList()));
    }

    internal static Ok<RetrainingStatus> TrainingStatus(ModelRetraining retraining) => TypedResults.Ok(retraining.Status);

    internal static Results<Accepted<RetrainingStatus>, ValidationProblem, ProblemHttpResult> Retrain(ModelActionRequest? request, ClaimsPrincipal user, ModelRetraining retraining)
    {
        if (string.IsNullOrWhiteSpace(request?.Reason))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["Say why the models are retrained."] });
        }

        var (status, started) = retraining.Start(user, request.Reason.Trim());
        return started
            ? TypedResults.Accepted("/api/admin/models/training", status)
            : TypedResults.Problem($"A retraining started by {status.StartedBy} at {status.StartedAt:u} is still running.",
                statusCode: StatusCodes.Status409Conflict, title: "Retraining already running");
    }

    internal static Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult> Discard(string version, ModelActionRequest? request, ClaimsPrincipal user, IModelCatalog models, AuditLog audit)
    {
        if (string.IsNullOrWhiteSpace(request?.Reason))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["Say why this model set is discarded."] });
        }

        if (!models.ListVersions().Any(m => m.Version == version))
        {
            return TypedResults.NotFound();
        }

        try
        {
            models.Discard(version, AuditActors.Staff(user.Scope().StaffId));
        }
        catch (InvalidOperationException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, title: "Model set in use");
        }

        audit.Record(user, "model.discard", version, request.Reason.Trim());
        return TypedResults.NoContent();
    }

    internal static Results<Ok<ModelVersionResponse>, NotFound, ValidationProblem, ProblemHttpResult> Promote(
        string version, ModelActionRequest? request, ClaimsPrincipal user, IModelCatalog models, AuditLog audit)
    {
        if (string.IsNullOrWhiteSpace(request?.Reason))
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
        return TypedResults.Ok(ModelVersionResponse.From(manifest, version, null));
    }
}
