using System.Security.Claims;
using Assistant.Bot.Admin.Audit;
using Assistant.Bot.Auth;
using Assistant.Ticketing.Staff;
using Assistant.Ticketing.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assistant.Bot.Admin.Users;

/// <summary><c>GET /api/admin/users/{userId}/export</c> and <c>DELETE /api/admin/users/{userId}</c>, both audited.</summary>
public static class UserDataApi
{
    public static RouteGroupBuilder MapUserDataApi(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/users").WithTags("Admin: users' data");
        group.MapGet("/{userId}/export", Export).WithSummary("Everything stored about a visitor, as JSON");
        group.MapDelete("/{userId}", Erase).WithSummary("Erases a visitor's data; their tickets stay for the operator, anonymised");
        return admin;
    }

    internal static JsonHttpResult<UserDataExport> Export(string userId, ClaimsPrincipal user, UserData data, AuditLog audit)
    {
        var export = data.Export(userId);
        audit.Record(user, "user.export", userId,
            $"{export.Conversations.Count} conversation(s), {export.Tickets.Count} ticket(s), {export.Consents.Count} consent(s), {export.Sanctions.Count} sanction decision(s)");
        return TypedResults.Json(export, UserData.JsonOptions);
    }

    internal static Ok<UserErasure> Erase(string userId, ClaimsPrincipal user, UserData data, AuditLog audit)
    {
        var scope = user.Scope();
        var erasure = data.Erase(userId, new Actor(StaffRoles.Admin, scope.StaffId, scope.DisplayName));
        audit.Record(user, "user.erase", userId,
            $"{erasure.Conversations} conversation(s), {erasure.DialogDocuments} dialog document(s), {erasure.Consents} consent(s) deleted; {erasure.TicketsAnonymized} ticket(s) anonymised; {erasure.SanctionTextsRedacted} sanction message(s) redacted");
        return TypedResults.Ok(erasure);
    }
}
