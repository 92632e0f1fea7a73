using System.Security.Claims;
using Assistant.Bot.Auth;
using Assistant.Bot.Channel.Storage;
using Assistant.Ticketing.Staff;
using Assistant.Ticketing.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Assistant.Bot.Tickets;

/// <summary>The ticket API of the agent and admin consoles. An agent sees only the tickets of their operators; others' are 404.</summary>
public static class TicketsApi
{
    public static IEndpointRouteBuilder MapTicketsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tickets")
            .WithTags("Tickets")
            .RequireAuthorization(StaffAuthSetup.AgentPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/", List).WithSummary("Lists tickets, newest first, filtered by conversation, requester user, status or operator");
        group.MapGet("/{reference}", Get).WithSummary("One ticket with its comments, history and attachments");
        group.MapPatch("/{reference}", Patch).WithSummary("Changes status, priority, category, product, assignee or title");
        group.MapPost("/{reference}/comments", Comment).WithSummary("Adds a public comment (told to the requester) or an internal note");
        group.MapDelete("/{reference}", Delete).WithSummary("Deletes a quarantined ticket for good (409 for any other status)");
        return app;
    }

    internal static Results<Ok<IReadOnlyList<TicketResponse>>, ValidationProblem, ProblemHttpResult> List(
        ClaimsPrincipal user,
        ITicketService tickets,
        ConversationStore conversations,
        string? conversationId,
        string? userId,
        string? status,
        [FromQuery(Name = "operator")] string? operatorId,
        int? limit)
    {
        var scope = user.Scope();
        if (operatorId is not null && !scope.CanSee(operatorId))
        {
            return TypedResults.Problem($"You do not handle the tickets of operator '{operatorId}'.", statusCode: StatusCodes.Status403Forbidden, title: "Operator not in your scope");
        }

        // A conversation's tickets are found through its user's (the index). One the channel does not know (a ticket filed
        // through this API), or a ticket of that conversation filed under another user, is looked for among all of them.
        var owner = userId is null && conversationId is not null ? conversations.Find(conversationId)?.UserId : null;
        var query = new TicketQuery(operatorId, conversationId, userId ?? owner, status, Math.Clamp(limit ?? 100, 1, 500))
        {
            OperatorIds = scope.IsAdmin ? null : scope.OperatorIds,
        };
        try
        {
            var matching = tickets.Query(query);
            if (matching.Count == 0 && owner is not null)
            {
                matching = tickets.Query(query with { RequesterUserId = null });
            }

            IReadOnlyList<TicketResponse> found = [.. matching.Select(TicketResponse.Summary)];
            return TypedResults.Ok(found);
        }
        catch (InvalidTicketValueException ex)
        {
            return Invalid(ex);
        }
    }

    internal static Results<Ok<TicketResponse>, ProblemHttpResult> Get(string reference, ClaimsPrincipal user, ITicketService tickets)
    {
        var ticket = tickets.Find(reference);
        return ticket is not null && user.Scope().CanSee(ticket.OperatorId)
            ? TypedResults.Ok(TicketResponse.Detail(ticket))
            : NotFound(reference);
    }

    internal static Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult> Patch(
        string reference,
        TicketPatchRequest request,
        ClaimsPrincipal user,
        ITicketService tickets,
        IStaffStore staff)
    {
        var scope = user.Scope();
        var ticket = tickets.Find(reference);
        if (ticket is null || !scope.CanSee(ticket.OperatorId))
        {
            return NotFound(reference);
        }

        string? assigneeId = null;
        string? assigneeName = null;
        if (request.Assignee is { Length: > 0 } wanted)
        {
            var assignee = staff.FindByEmail(wanted) ?? staff.Find(wanted);
            if (assignee is null || assignee.Disabled
                || !(assignee.Role == StaffRoles.Admin || assignee.OperatorIds.Contains(ticket.OperatorId, StringComparer.OrdinalIgnoreCase)))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["assignee"] = [$"No active staff user '{wanted}' handles operator '{ticket.OperatorId}'."],
                });
            }

            (assigneeId, assigneeName) = (assignee.Id, assignee.DisplayName);
        }
        else if (request.Assignee is not null)
        {
            assigneeId = "";
        }

        var patch = new TicketPatch(request.Status, request.Priority, request.Category, request.Product, assigneeId, assigneeName, request.Title);
        try
        {
            return TypedResults.Ok(TicketResponse.Detail(tickets.Update(ticket.Reference, patch, scope.Actor())));
        }
        catch (InvalidTicketValueException ex)
        {
            return Invalid(ex);
        }
        catch (InvalidTicketTransitionException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, title: "Status change not allowed");
        }
        catch (TicketNotFoundException)
        {
            return NotFound(reference);
        }
    }

    internal static Results<Created<CommentResponse>, ValidationProblem, ProblemHttpResult> Comment(
        string reference,
        CommentRequest request,
        ClaimsPrincipal user,
        ITicketService tickets)
    {
        var scope = user.Scope();
        var ticket = tickets.Find(reference);
        if (ticket is null || !scope.CanSee(ticket.OperatorId))
        {
            return NotFound(reference);
        }

        try
        {
            var updated = tickets.AddComment(ticket.Reference, new NewComment(request.Text ?? "", request.Internal), scope.Actor());
            var c = updated.Comments[^1];
            return TypedResults.Created(
                $"/api/tickets/{updated.Reference}",
                new CommentResponse(c.Id, c.Text, c.Internal, c.AuthorKind, c.AuthorId, c.AuthorName, c.At));
        }
        catch (InvalidTicketValueException ex)
        {
            return Invalid(ex);
        }
        catch (TicketNotFoundException)
        {
            return NotFound(reference);
        }
    }


    internal static Results<NoContent, ProblemHttpResult> Delete(string reference, ClaimsPrincipal user, ITicketService tickets)
    {
        var ticket = tickets.Find(reference);
        if (ticket is null || !user.Scope().CanSee(ticket.OperatorId))
        {
            return NotFound(reference);
        }

        try
        {
            return tickets.DeleteQuarantined(ticket.Reference, user.Scope().Actor())
                ? TypedResults.NoContent()
                : TypedResults.Problem($"Ticket {ticket.Reference} is {ticket.Status}: only a quarantined ticket is deleted; close it instead.", statusCode: StatusCodes.Status409Conflict, title: "Ticket not in quarantine");
        }
        catch (TicketNotFoundException)
        {
            return NotFound(reference);
        }
    }

    private static ProblemHttpResult NotFound(string reference) =>
        TypedResults.Problem($"No ticket '{reference}'.", statusCode: StatusCodes.Status404NotFound, title: "Ticket not found");

    private static ValidationProblem Invalid(InvalidTicketValueException ex) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [ex.Field] = [ex.Message] }, title: "Invalid ticket value");
}
