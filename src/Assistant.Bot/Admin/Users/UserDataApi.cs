using System.Security.Claims;
using Assistant.Bot.Admin.Audit;
using Assistant.Bot.Auth;
using Assistant.Ticketing.Staff;
using Assistant.Ticketing.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Admin.Users;

public sealed record PurgeResponse(int RetentionDays, int Conversations, int Activities, int Attachments);

/// <summary><c>GET /api/admin/users/{userId}/export</c>, <c>DELETE /api/admin/users/{userId}</c> and a retention purge on demand, all audited.</summary>
public static class UserDataApi
{
    public static RouteGroupBuilder MapUserDataApi(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/users").WithTags("Admin: users' data");
        group.MapGet("/{userId}/export", Export).WithSummary("Everything stored about a visitor, as JSON");
        group.MapDelete("/{userId}", Erase).WithSummary("Erases a visitor's data; their tickets stay for the operator, anonymised");
        admin.MapPost("/retention/purge", Purge)
            .WithTags("Admin: users' data")
            .WithSummary("Deletes the conversations older than Assistant:Admin:ConversationRetentionDays now (it also runs daily)");
        return admin;
    }

    internal static JsonHttpResult<UserDataExport> Export(string userId, ClaimsPrincipal user, UserData data, AuditLog audit)
    {
        var export = data.Export(userId);
        audit.Record(user, "user.export", userId,
            $"{export.Conversations.Count} conversation(s), {export.Tickets.Count} ticket(s), {export.Consents.Count} consent(s), {export.Sanctions.Count} sanction decision(s)");
        return TypedResults.Json(export, UserData.JsonOptions);
    }

    internal static Ok<PurgeResponse> Purge(ClaimsPrincipal user, RetentionPurge retention, IOptions<AdminOptions> options, AuditLog audit)
    {
        var (conversations, activities, attachments) = retention.RunOnce();
        audit.Record(user, "retention.run", "conversations", $"purge run by hand: {conversations} conversation(s) deleted");
        return TypedResults.Ok(new PurgeResponse(options.Value.ConversationRetentionDays, conversations, activities, attachments));
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
