using System.Security.Claims;
using Assistant.Bot.Admin.Audit;
using Assistant.Bot.Auth;
using Assistant.Moderation.Sanctions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assistant.Bot.Admin.Sanctions;

public sealed record SanctionLiftRequest(string? Reason);

/// <summary>Current suspensions and bans, and lifting one with a reason.</summary>
public static class SanctionsApi
{
    public static RouteGroupBuilder MapSanctionsApi(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/sanctions").WithTags("Admin: sanctions");
        group.MapGet("/", List).WithSummary("Active suspensions and bans, with reason, clause, decider and end date");
        group.MapPost("/{operatorId}/{userId}/lift", Lift).WithSummary("Lifts a user's suspension or ban (with a reason); the user may use the service at once");
        return admin;
    }

    internal static Ok<IReadOnlyList<SanctionRecord>> List(string? operatorId, ISanctionService sanctions, TimeProvider time) =>
        TypedResults.Ok(sanctions.ListActive(string.IsNullOrWhiteSpace(operatorId) ? null : operatorId, time.GetUtcNow()));

    internal static Results<NoContent, NotFound, ValidationProblem> Lift(
        string operatorId, string userId, SanctionLiftRequest request, ClaimsPrincipal user, ISanctionService sanctions, AuditLog audit, TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["Say why the sanction is lifted."] });
        }

        var now = time.GetUtcNow();
        var active = sanctions.ListActive(operatorId, now).FirstOrDefault(s => s.UserId == userId);
        if (active is null)
        {
            return TypedResults.NotFound();
        }

        var scope = user.Scope();
        var reason = request.Reason.Trim();
        sanctions.Lift(operatorId, userId, AuditActors.Staff(scope.StaffId), reason, now);
        audit.Record(user, "sanction.lift", userId, $"{active.Level} since {active.Since:u} ({active.Reason}) lifted: {reason}", operatorId);
        return TypedResults.NoContent();
    }
}
