using System.Text.Json.Serialization;
using Assistant.Bot.Tickets;
using Assistant.Ticketing.Inbox;
using Assistant.Ticketing.Tickets;

namespace Assistant.Bot.Inbox;

/// <param name="State"><c>ok</c>, <c>warning</c> (under 20 % of the working time left), <c>breached</c> or <c>none</c>.</param>
/// <param name="Clock"><c>firstResponse</c> or <c>resolution</c>: the due time that runs now.</param>
public sealed record SlaStandingResponse(string State, string Clock, DateTimeOffset Due, double LeftFraction, bool? FirstResponseMet)
{
    public static SlaStandingResponse From(SlaStanding standing) =>
        new(standing.State, standing.Clock, standing.Due, Math.Round(standing.LeftFraction, 3), standing.FirstResponseMet);
}

/// <summary>
/// One line of the inbox. <c>Unread</c>: the requester wrote after the team last touched the ticket. An incident ticket
/// has <c>IsIncident</c> and <c>LinkedCount</c> (its linked reports); a linked report has <c>IncidentReference</c>.
/// </summary>
public sealed record InboxItemResponse(
    string Reference,
    string Operator,
    string Status,
    string Priority,
    string Category,
    string Product,
    string Title,
    string? RequesterName,
    string? AssigneeId,
    string? AssigneeName,
    string ContractTier,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    SlaStandingResponse Sla,
    bool Unread,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool IsIncident = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? LinkedCount = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? IncidentReference = null)
{
    public static InboxItemResponse From(Ticket ticket, SlaStanding standing, int linked = 0) => new(
        ticket.Reference,
        ticket.OperatorId,
        ticket.Status,
        ticket.Priority,
        ticket.Category,
        ticket.Product,
        ticket.Title,
        ticket.Requester.Name,
        ticket.AssigneeId,
        ticket.AssigneeName,
        ticket.ContractTier,
        ticket.CreatedAt,
        ticket.UpdatedAt,
        SlaStandingResponse.From(standing),
        TicketUnread.HasUnread(ticket),
        ticket.IsIncident,
        ticket.IsIncident ? linked : null,
        ticket.IncidentReference);
}

/// <param name="Counts">The size of each console view (active, mine, unassigned, late, quarantined), whatever the filters.</param>
public sealed record InboxResponse(IReadOnlyList<InboxItemResponse> Items, int Page, int PageSize, bool HasMore, InboxCounts Counts);

/// <summary>The ticket view: the ticket with comments and history, where it stands against its SLA, and what the agent may change it to.</summary>
/// <param name="Mail">The requester's address as the mail server saw it (refused, opted out); null without an address.</param>
/// <param name="LinkedCount">For an incident ticket, how many reports are linked to it (the inbox lists them with <c>incident=</c>).</param>
public sealed record TicketViewResponse(
    TicketResponse Ticket,
    SlaStandingResponse Sla,
    IReadOnlyList<string> NextStatuses,
    IReadOnlyList<string> Products,
    Mail.TicketMailStatus? Mail = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? LinkedCount = null);

/// <summary>The live feed's <c>ticket</c> event: the console reloads the page of its inbox and the open ticket.</summary>
public sealed record TicketFeedEvent(string Reference, string Operator, string Kind, string Status);
