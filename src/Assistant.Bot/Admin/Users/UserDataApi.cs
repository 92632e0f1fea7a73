using System.Security.Claims;
using Assistant.Bot.Admin.Audit;
using Assistant.Bot.Auth;
using Assistant.Ticketing.Staff;
using Assistant.Ticketing.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assistant.Bot.Admin.Users;

public sealed record PurgeResponse(int RetentionDays, int Conversations, int Activities, int Attachments);

/// <param name="Source"><c>configuration</c> or <c>console</c>.</param>
public sealed record RetentionResponse(int Days, string Source, int ConfiguredDays);

public sealed record RetentionRequest(int? Days, string? Reason);

/// <summary>
/// <c>GET /api/admin/users/{userId}/export</c>, <c>DELETE /api/admin/users/{userId}</c>, the conversation retention
/// (read, change, reset) and a purge on demand, all audited.
/// </summary>
public static class UserDataApi
{
    public static RouteGroupBuilder MapUserDataApi(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/users").WithTags("Admin: users' data");
        group.MapGet("/{userId}/export", Export).WithSummary("Everything stored about a visitor, as JSON");
        group.MapDelete("/{userId}", Erase).WithSummary("Erases a visitor's data; their tickets stay for the operator, anonymised");
        var retention = admin.MapGroup("/retention").WithTags("Admin: users' data");
        retention.MapGet("/", (RetentionSetting setting) => TypedResults.Ok(Retention(setting)))
            .WithSummary("How many days conversations are kept after their last message, and where the value comes from");
        retention.MapPut("/", UpdateRetention)
            .WithSummary("Changes the retention (with a reason); the next purge uses it");
        retention.MapPost("/reset", ResetRetention)
            .WithSummary("Goes back to Assistant:Admin:ConversationRetentionDays (with a reason)");
        retention.MapPost("/purge", Purge)
            .WithSummary("Deletes the conversations older than the retention now (it also runs daily)");
        return admin;
    }

    internal static Results<JsonHttpResult<UserDataExport>, ProblemHttpResult> Export(string userId, ClaimsPrincipal user, UserData data, AuditLog audit)
    {
        if (string.IsNullOrWhiteSpace(userId))
        {
            return BlankUserId();
        }

        var export = data.Export(userId);
        audit.Record(user, "user.export", userId,
            $"{export.Conversations.Count} conversation(s), {export.Tickets.Count} ticket(s), {export.Consents.Count} consent(s), {export.Sanctions.Count} sanction decision(s)");
        return TypedResults.Json(export, UserData.JsonOptions);
    }

    internal static Ok<PurgeResponse> Purge(ClaimsPrincipal user, RetentionPurge retention, RetentionSetting setting, AuditLog audit)
    {
        var (conversations, activities, attachments) = retention.RunOnce();
        audit.Record(user, "retention.run", "conversations", $"purge run by hand: {conversations} conversation(s) deleted");
        return TypedResults.Ok(new PurgeResponse(setting.Days, conversations, activities, attachments));
    }

    internal static Results<Ok<RetentionResponse>, ValidationProblem> UpdateRetention(RetentionRequest? request, ClaimsPrincipal user, RetentionSetting setting, AuditLog audit)
    {
        var errors = new Dictionary<string, string[]>();
        if (request?.Days is not (>= RetentionSetting.MinDays and <= RetentionSetting.MaxDays))
        {
            errors["days"] = [$"Days must be between {RetentionSetting.MinDays} and {RetentionSetting.MaxDays}."];
        }

        if (string.IsNullOrWhiteSpace(request?.Reason))
        {
            errors["reason"] = ["Say why the retention changes."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var before = setting.Save(request!.Days!.Value, AuditActors.Staff(user.Scope().StaffId));
        audit.Record(user, "retention.update", "conversations", $"{before} → {request.Days} days: {request.Reason!.Trim()}");
        return TypedResults.Ok(Retention(setting));
    }

    internal static Results<Ok<RetentionResponse>, ValidationProblem> ResetRetention(RetentionRequest? request, ClaimsPrincipal user, RetentionSetting setting, AuditLog audit)
    {
        if (string.IsNullOrWhiteSpace(request?.Reason))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["Say why the retention goes back to the configuration."] });
        }

        var before = setting.Days;
        setting.Reset();
        audit.Record(user, "retention.reset", "conversations", $"{before} → {setting.Days} days (configuration): {request.Reason.Trim()}");
        return TypedResults.Ok(Retention(setting));
    }

    private static RetentionResponse Retention(RetentionSetting setting)
    {
        var (days, source) = setting.Current();
        return new RetentionResponse(days, source, setting.ConfiguredDays);
    }

    internal static Results<Ok<UserErasure>, ProblemHttpResult> Erase(string userId, ClaimsPrincipal user, UserData data, AuditLog audit)
    {
        if (string.IsNullOrWhiteSpace(userId))
        {
            return BlankUserId();
        }

        var scope = user.Scope();
        var erasure = data.Erase(userId, new Actor(StaffRoles.Admin, scope.StaffId, scope.DisplayName));
        audit.Record(user, "user.erase", userId,
            $"{erasure.Conversations} conversation(s), {erasure.DialogDocuments} dialog document(s), {erasure.Consents} consent(s) deleted; {erasure.TicketsAnonymized} ticket(s) anonymised; {erasure.SanctionTextsRedacted} sanction message(s) redacted");
        return TypedResults.Ok(erasure);
    }

    private static ProblemHttpResult BlankUserId() =>
        TypedResults.Problem("The user id is blank.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid user id");
}
