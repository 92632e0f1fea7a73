using System.Security.Claims;
using Assistant.Bot.Admin.Audit;
using Assistant.Bot.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assistant.Bot.Moderation;

/// <param name="Label"><c>ok</c>, <c>abusive</c> or <c>offtopic</c>: what the message should have been.</param>
public sealed record RelabelRequest(string? ConversationId, string? ActivityId, string? Label, string? Note);

public sealed record RelabelResponse(
    string Id, string ConversationId, string ActivityId, string OperatorId, string UserId, string Text, string OriginalLabel, string Label, string? Note, string By, string? ByName, DateTimeOffset At)
{
    public static RelabelResponse From(Relabel r) => new(
        r.Id.ToString(), r.ConversationId, r.ActivityId, r.OperatorId, r.UserId, r.Text, r.OriginalLabel, r.Label, r.Note, r.By, r.ByName,
        new DateTimeOffset(DateTime.SpecifyKind(r.At, DateTimeKind.Utc)));
}

/// <summary>
/// <c>/api/moderation/relabels</c>: agents and admins mark a user message as wrongly moderated (the "wrong decision"
/// button) and see a conversation's relabels; admins list all of them and withdraw one before retraining.
/// </summary>
public static class RelabelsApi
{
    public const int MaxNoteLength = 500;

    public static IEndpointRouteBuilder MapRelabelsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/moderation/relabels")
            .WithTags("Moderation")
            .RequireAuthorization(StaffAuthSetup.AgentPolicy)
            .WithMetadata(AuditedByEndpoint.Instance);
        group.MapPost("/", Create)
            .WithSummary("Marks one user message of a conversation the caller can see as wrongly moderated, with the right label");
        group.MapGet("/", List)
            .WithSummary("Relabelled messages, newest first: all of them (admins: what the next retraining adds), or one conversation's (?conversationId=, for a conversation the caller can see)");
        group.MapDelete("/{id}", Delete)
            .RequireAuthorization(StaffAuthSetup.AdminPolicy)
            .WithSummary("Withdraws a relabel before the next retraining");
        return endpoints;
    }

    internal static Results<Created<RelabelResponse>, ValidationProblem, NotFound> Create(RelabelRequest? request, ClaimsPrincipal user, Relabels relabels)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request?.ConversationId))
        {
            errors["conversationId"] = ["The conversation id is required."];
        }

        if (string.IsNullOrWhiteSpace(request?.ActivityId))
        {
            errors["activityId"] = ["The message's activity id is required."];
        }

        if (!Relabels.IsLabel(request?.Label))
        {
            errors["label"] = ["The label must be ok, abusive or offtopic."];
        }

        if (request?.Note?.Length > MaxNoteLength)
        {
            errors["note"] = [$"The note has {request.Note.Length} characters; at most {MaxNoteLength} are accepted."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var (relabel, error) = relabels.Record(user.Scope(), request!.ConversationId!, request.ActivityId!, request.Label!, request.Note);
        return error switch
        {
            RelabelError.NotFound => TypedResults.NotFound(),
            RelabelError.NotAUserMessage => TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["activityId"] = ["Only a user's text message can be relabelled."],
            }),
            _ => TypedResults.Created($"/api/moderation/relabels/{relabel!.Id}", RelabelResponse.From(relabel)),
        };
    }

    internal static Results<Ok<List<RelabelResponse>>, ForbidHttpResult, NotFound> List(string? conversationId, ClaimsPrincipal user, Relabels relabels)
    {
        var scope = user.Scope();
        if (string.IsNullOrWhiteSpace(conversationId))
        {
            return scope.IsAdmin ? TypedResults.Ok(relabels.List().Select(RelabelResponse.From).ToList()) : TypedResults.Forbid();
        }

        return relabels.ForConversation(scope, conversationId) is { } found
            ? TypedResults.Ok(found.Select(RelabelResponse.From).ToList())
            : TypedResults.NotFound();
    }

    internal static Results<NoContent, NotFound> Delete(string id, ClaimsPrincipal user, Relabels relabels, AuditLog audit)
    {
        if (relabels.Delete(id) is not { } removed)
        {
            return TypedResults.NotFound();
        }

        audit.Record(user, "relabel.delete", removed.ActivityId, $"withdrawn: {removed.OriginalLabel} → {removed.Label} by {removed.ByName ?? removed.By}", removed.OperatorId);
        return TypedResults.NoContent();
    }
}
