using Microsoft.AspNetCore.Http.HttpResults;

namespace Assistant.Bot.Admin.Audit;

public sealed record AuditEntryResponse(string Id, DateTimeOffset At, string Actor, string? ActorName, string Action, string? Target, string? OperatorId, string Details, ModerationDecision? Moderation)
{
    public static AuditEntryResponse From(AuditEntry entry) => new(
        entry.Id.ToString(), new DateTimeOffset(DateTime.SpecifyKind(entry.At, DateTimeKind.Utc)), entry.Actor, entry.ActorName,
        entry.Action, entry.Target, entry.OperatorId, entry.Details, entry.Moderation);
}

/// <summary><c>GET /api/admin/audit?actor=&amp;action=&amp;text=&amp;from=&amp;to=&amp;limit=</c>.</summary>
public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder admin)
    {
        admin.MapGet("/audit", Search)
            .WithTags("Admin: audit")
            .WithSummary("Searches the audit log, newest first: actor, action prefix, free text, date range (UTC)");
        return admin;
    }

    internal static Ok<List<AuditEntryResponse>> Search(AuditLog audit, string? actor, string? action, string? text, DateTimeOffset? from, DateTimeOffset? to, int? limit) =>
        TypedResults.Ok(audit.Search(new AuditQuery(actor, action, text, from, to, limit ?? 100)).Select(AuditEntryResponse.From).ToList());
}
