using System.Text.Json.Serialization;
using Assistant.Ticketing.Sla;
using Assistant.Ticketing.Tickets;

namespace Assistant.Bot.Tickets;

public sealed record RequesterResponse(string UserId, string? Name, string? Email, string? Phone, string? CustomerNumber);

/// <param name="FirstResponseTarget">Working time, e.g. <c>4h</c> (business hours) or <c>2d</c> (business days); indicative for the requester.</param>
/// <param name="FirstResponseDue">UTC, counted in the operator's business hours and holidays.</param>
public sealed record SlaResponse(
    string FirstResponseTarget,
    string ResolutionTarget,
    DateTimeOffset FirstResponseDue,
    DateTimeOffset ResolutionDue,
    DateTimeOffset? FirstResponseAt);

public sealed record CommentResponse(string Id, string Text, bool Internal, string AuthorKind, string AuthorId, string? AuthorName, DateTimeOffset At);

public sealed record HistoryResponse(DateTimeOffset At, string ActorKind, string ActorId, string Field, string? From, string? To, string? ActorName = null);

public sealed record AttachmentResponse(string Name, string ContentType, string Url, long Size);

/// <summary>A ticket as the API shows it; comments, history and attachments only on the single-ticket GET.</summary>
public sealed record TicketResponse(
    string Reference,
    string Operator,
    string Status,
    string Priority,
    string PriorityDecidedBy,
    string Category,
    string Product,
    string Title,
    string Description,
    RequesterResponse Requester,
    string ConversationId,
    string? AssigneeId,
    string? AssigneeName,
    string ContractTier,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    SlaResponse Sla,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<CommentResponse>? Comments = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<HistoryResponse>? History = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<AttachmentResponse>? Attachments = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SatisfactionResponse? Satisfaction = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool IsIncident = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? IncidentReference = null)
{
    public static TicketResponse Summary(Ticket ticket) => new(
        ticket.Reference,
        ticket.OperatorId,
        ticket.Status,
        ticket.Priority,
        ticket.PriorityDecidedBy,
        ticket.Category,
        ticket.Product,
        ticket.Title,
        ticket.Description,
        new RequesterResponse(ticket.Requester.UserId, ticket.Requester.Name, ticket.Requester.Email, ticket.Requester.Phone, ticket.Requester.CustomerNumber),
        ticket.ConversationId,
        ticket.AssigneeId,
        ticket.AssigneeName,
        ticket.ContractTier,
        ticket.CreatedAt,
        ticket.UpdatedAt,
        new SlaResponse(
            SlaTarget.FromTimeSpan(ticket.Sla.FirstResponseTarget).ToString(),
            SlaTarget.FromTimeSpan(ticket.Sla.ResolutionTarget).ToString(),
            ticket.Sla.FirstResponseDue,
            ticket.Sla.ResolutionDue,
            ticket.Sla.FirstResponseAt),
        IsIncident: ticket.IsIncident,
        IncidentReference: ticket.IncidentReference);

    public static TicketResponse Detail(Ticket ticket) => Summary(ticket) with
    {
        Comments = [.. ticket.Comments.Select(c => new CommentResponse(c.Id, c.Text, c.Internal, c.AuthorKind, c.AuthorId, c.AuthorName, c.At))],
        History = [.. ticket.History.Select(h => new HistoryResponse(h.At, h.ActorKind, h.ActorId, h.Field, h.From, h.To, h.ActorName))],
        Attachments = [.. ticket.Attachments.Select(a => new AttachmentResponse(a.Name, a.ContentType, a.Url, a.Size))],
        Satisfaction = ticket.Satisfaction is { } rating ? new SatisfactionResponse(rating.Score, rating.Comment, rating.At) : null,
    };
}

/// <summary>The requester's rating of the resolved ticket (1 to 5) and their comment, if any.</summary>
public sealed record SatisfactionResponse(int Score, string? Comment, DateTimeOffset At);

/// <summary>Fields left out or null are not changed. <c>assignee</c>: a staff email or id, or "" to unassign.</summary>
public sealed record TicketPatchRequest(string? Status, string? Priority, string? Category, string? Product, string? Assignee, string? Title);

public sealed record CommentRequest(string? Text, bool Internal);
