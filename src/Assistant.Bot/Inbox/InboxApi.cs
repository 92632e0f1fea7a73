using System.Security.Claims;
using Assistant.Bot.Auth;
using Assistant.Bot.Tickets;
using Assistant.Ticketing.Inbox;
using Assistant.Ticketing.Operators;
using Assistant.Ticketing.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Assistant.Bot.Inbox;

/// <summary>
/// The team's inbox in the agent console: pages of the tickets of the agent's operators, earliest SLA due time
/// first, with filters, search and the size of each view; and the ticket view. Other operators' tickets are 404.
/// </summary>
public static class InboxApi
{
    public static IEndpointRouteBuilder MapInboxApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/inbox")
            .WithTags("Inbox")
            .RequireAuthorization(StaffAuthSetup.AgentPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", List).WithSummary("A page of the inbox: filters status, priority, category, product, operator, assignee, quarantined, late, incident; search q; counts per view. Reports linked to an open incident are folded under it");
        group.MapGet("/tickets/{reference}", View).WithSummary("The ticket view: the ticket with comments and history, its SLA standing, the statuses it may move to");
        return app;
    }

    internal static Results<Ok<InboxResponse>, ValidationProblem, ProblemHttpResult> List(
        ClaimsPrincipal user,
        TicketInbox inbox,
        SlaClock clock,
        IOperatorCatalog operators,
        string? status,
        string? priority,
        string? category,
        string? product,
        [FromQuery(Name = "operator")] string? operatorId,
        string? assignee,
        bool? quarantined,
        bool? late,
        string? q,
        string? incident,
        string? sort,
        int? page,
        int? pageSize)
    {
        var scope = user.Scope();
        if (operatorId is not null && operators.Find(operatorId) is null)
        {
            return Invalid(new InvalidTicketValueException("operator", operatorId, $"unknown operator; known: {string.Join(", ", operators.All.Select(o => o.Id))}"));
        }

        if (operatorId is not null && !scope.CanSee(operatorId))
        {
            return TypedResults.Problem($"You do not handle the tickets of operator '{operatorId}'.", statusCode: StatusCodes.Status403Forbidden, title: "Operator not in your scope");
        }

        var operatorIds = scope.IsAdmin ? null : scope.OperatorIds;
        var query = new InboxQuery
        {
            OperatorIds = operatorIds,
            OperatorId = operatorId,
            Status = status ?? InboxStatuses.Active,
            Priority = priority,
            Category = category,
            Product = product,
            Assignee = assignee ?? InboxAssignees.Anyone,
            StaffId = scope.StaffId,
            Quarantined = quarantined == true,
            Late = late == true,
            Search = q,
            Incident = incident,
            Sort = sort ?? InboxSorts.Due,
            Page = page ?? 1,
            PageSize = pageSize ?? 25,
        };
        try
        {
            var found = inbox.Page(query);
            return TypedResults.Ok(new InboxResponse(
                [.. found.Tickets.Select(t => InboxItemResponse.From(t, clock.Standing(t), found.Linked.GetValueOrDefault(t.Reference)))],
                found.Page,
                found.PageSize,
                found.HasMore,
                inbox.Counts(operatorIds, scope.StaffId)));
        }
        catch (InvalidTicketValueException ex)
        {
            return Invalid(ex);
        }
    }

    internal static Results<Ok<TicketViewResponse>, ProblemHttpResult> View(
        string reference, ClaimsPrincipal user, ITicketService tickets, TicketInbox inbox, SlaClock clock, IOperatorCatalog operators, Assistant.Ticketing.Mail.IMailAddressBook addresses, Microsoft.Extensions.Options.IOptions<Mail.MailOptions> mailOptions)
    {
        var ticket = tickets.Find(reference);
        if (ticket is null || !user.Scope().CanSee(ticket.OperatorId))
        {
            return TypedResults.Problem($"No ticket '{reference}'.", statusCode: StatusCodes.Status404NotFound, title: "Ticket not found");
        }

        return TypedResults.Ok(new TicketViewResponse(
            TicketResponse.Detail(ticket),
            SlaStandingResponse.From(clock.Standing(ticket)),
            [.. TicketWorkflow.NextStatuses(ticket.Status)],
            operators.Find(ticket.OperatorId)?.Products ?? [],
            Mail.TicketMailStatus.Of(ticket, addresses, mailOptions.Value),
            ticket.IsIncident ? inbox.LinkedCount(ticket.Reference) : null));
    }

    private static ValidationProblem Invalid(InvalidTicketValueException ex) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [ex.Field] = [ex.Message] }, title: "Invalid inbox filter");
}
