using Assistant.Ticketing.Operators;
using Assistant.Ticketing.Sla;
using Assistant.Ticketing.Storage;
using LiteDB;
using Microsoft.Extensions.Logging;

namespace Assistant.Ticketing.Tickets;

public sealed partial class TicketService(
    TicketingDatabase database,
    IOperatorCatalog operators,
    ISlaCalculator sla,
    ITicketEvents events,
    TimeProvider time,
    ILogger<TicketService> logger) : ITicketService
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 10_000;
    public const int MaxCommentLength = 5_000;
    private const int MaxIdLength = 200;

    /// <summary>The requester id of a ticket whose requester asked for their data to be erased.</summary>
    public const string ErasedRequester = "erased";

    // Every write is read-modify-write on one document (or the reference counter); one writer at a time
    // keeps references unique and never loses a concurrent change.
    private readonly Lock _writeLock = new();

    public Ticket Create(NewTicket ticket, Actor actor) => CreateAsync(ticket, actor).GetAwaiter().GetResult();

    public async Task<Ticket> CreateAsync(NewTicket ticket, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var profile = operators.Find(ticket.OperatorId ?? "")
            ?? throw new InvalidTicketValueException("operatorId", ticket.OperatorId, $"unknown operator; known: {string.Join(", ", operators.All.Select(o => o.Id))}");
        var title = Required("title", ticket.Title, MaxTitleLength);
        var description = Required("description", ticket.Description, MaxDescriptionLength);
        CheckPriority(ticket.Priority);
        CheckCategory(ticket.Category);
        CheckProduct(profile, ticket.Product);
        if (!Taxonomy.IsContractTier(ticket.ContractTier))
        {
            throw new InvalidTicketValueException("contractTier", ticket.ContractTier, $"must be one of {string.Join(", ", Taxonomy.ContractTiers)}");
        }

        var requester = ticket.Requester ?? throw new InvalidTicketValueException("requester", null, "is required");
        Required("requester.userId", requester.UserId, MaxIdLength);
        var conversationId = Required("conversationId", ticket.ConversationId, MaxIdLength);
        CheckIncidentLink(ticket.IsIncident, ticket.IncidentReference);

        var now = Now();
        var stored = new Ticket
        {
            OperatorId = profile.Id,
            Title = title,
            Description = description,
            Category = ticket.Category,
            Product = ticket.Product,
            Priority = ticket.Priority,
            PriorityDecidedBy = ticket.PriorityDecidedBy ?? "",
            Status = ticket.Quarantined ? TicketStatuses.Quarantined : TicketStatuses.New,
            Requester = requester,
            ConversationId = conversationId,
            ContractTier = ticket.ContractTier,
            IsIncident = ticket.IsIncident,
            IncidentReference = ticket.IncidentReference,
            Sla = sla.Promise(profile.Id, ticket.Priority, ticket.ContractTier, now),
            CreatedAt = now,
            UpdatedAt = now,
            History = [Entry(now, actor, "status", null, ticket.Quarantined ? TicketStatuses.Quarantined : TicketStatuses.New)],
        };

        var year = TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(profile.TimeZone)).Year;
        // The reference is taken on the group-commit thread, in the same transaction as the insert: one at a time,
        // so references stay unique, and many tickets share one commit.
        await database.Commits.WriteAsync(_ =>
        {
            stored.Reference = NextReference(profile.ReferencePrefix, year);
            database.Tickets.Insert(stored);
        });

        LogCreated(logger, stored.Reference, stored.OperatorId, stored.Priority, stored.Category, stored.Status);
        Notify(new TicketChanged(stored, "created", actor, null));
        return stored;
    }

    public Ticket? Find(string reference)
    {
        var normalized = Normalize(reference);
        return normalized.Length == 0 ? null : database.Tickets.FindOne(t => t.Reference == normalized);
    }

    public IReadOnlyList<Ticket> Query(TicketQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Status is not null && !Taxonomy.IsStatus(query.Status))
        {
            throw new InvalidTicketValueException("status", query.Status, $"must be one of {string.Join(", ", Taxonomy.Statuses)}");
        }

        var tickets = database.Tickets.Query();
        if (query.OperatorId is not null)
        {
            var operatorId = query.OperatorId.ToLowerInvariant();
            tickets = tickets.Where(t => t.OperatorId == operatorId);
        }

        if (query.OperatorIds is not null)
        {
            tickets = tickets.Where("$.OperatorId IN @0", new BsonArray(query.OperatorIds.Select(id => new BsonValue(id.ToLowerInvariant()))));
        }

        if (query.ConversationId is not null)
        {
            var conversationId = query.ConversationId;
            tickets = tickets.Where(t => t.ConversationId == conversationId);
        }

        if (query.RequesterUserId is not null)
        {
            var userId = query.RequesterUserId;
            tickets = tickets.Where(t => t.Requester.UserId == userId);
        }

        if (query.IncidentReference is not null)
        {
            var incident = Normalize(query.IncidentReference);
            tickets = tickets.Where(TicketingDatabase.LinkedTo(incident));
        }

        if (query.Status is not null)
        {
            var status = query.Status;
            tickets = tickets.Where(t => t.Status == status);
        }

        return tickets.OrderByDescending(t => t.Id).Limit(Math.Clamp(query.Limit, 1, 500)).ToList();
    }

    public Ticket Update(string reference, TicketPatch patch, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(patch);
        Ticket ticket;
        var statusChanged = false;
        lock (_writeLock)
        {
            ticket = Load(reference);
            var profile = operators.Find(ticket.OperatorId)!;
            var now = Now();
            var changes = new List<TicketHistoryEntry>();

            if (patch.Status is not null && patch.Status != ticket.Status)
            {
                if (!Taxonomy.IsStatus(patch.Status))
                {
                    throw new InvalidTicketValueException("status", patch.Status, $"must be one of {string.Join(", ", Taxonomy.Statuses)}");
                }

                if (!TicketWorkflow.CanMove(ticket.Status, patch.Status))
                {
                    throw new InvalidTicketTransitionException(ticket.Reference, ticket.Status, patch.Status);
                }

                changes.Add(Entry(now, actor, "status", ticket.Status, patch.Status));
                ticket.Status = patch.Status;
                statusChanged = true;
            }

            if (patch.Priority is not null && patch.Priority != ticket.Priority)
            {
                CheckPriority(patch.Priority);
                changes.Add(Entry(now, actor, "priority", ticket.Priority, patch.Priority));
                ticket.Priority = patch.Priority;
                ticket.PriorityDecidedBy = $"{actor.Kind}:{actor.Id}";
                var firstResponseAt = ticket.Sla.FirstResponseAt;
                // Due times follow the new priority but stay counted from the ticket's creation.
                ticket.Sla = sla.Promise(ticket.OperatorId, ticket.Priority, ticket.ContractTier, ticket.CreatedAt);
                ticket.Sla.FirstResponseAt = firstResponseAt;
            }

            if (patch.Category is not null && patch.Category != ticket.Category)
            {
                CheckCategory(patch.Category);
                changes.Add(Entry(now, actor, "category", ticket.Category, patch.Category));
                ticket.Category = patch.Category;
            }

            if (patch.Product is not null && patch.Product != ticket.Product)
            {
                CheckProduct(profile, patch.Product);
                changes.Add(Entry(now, actor, "product", ticket.Product, patch.Product));
                ticket.Product = patch.Product;
            }

            if (patch.Title is not null && patch.Title.Trim() != ticket.Title)
            {
                var title = Required("title", patch.Title, MaxTitleLength);
                changes.Add(Entry(now, actor, "title", ticket.Title, title));
                ticket.Title = title;
            }

            if (patch.AssigneeId is not null && patch.AssigneeId != (ticket.AssigneeId ?? ""))
            {
                // An empty assignee id unassigns the ticket.
                var assignee = patch.AssigneeId.Length == 0 ? null : patch.AssigneeId;
                changes.Add(Entry(now, actor, "assignee", ticket.AssigneeId, assignee));
                ticket.AssigneeId = assignee;
                ticket.AssigneeName = assignee is null ? null : patch.AssigneeName;
            }

            if (patch.IncidentReference is not null && patch.IncidentReference != (ticket.IncidentReference ?? ""))
            {
                var incident = patch.IncidentReference.Length == 0 ? null : Normalize(patch.IncidentReference);
                CheckIncidentLink(ticket.IsIncident, incident);
                changes.Add(Entry(now, actor, "incident", ticket.IncidentReference, incident));
                ticket.IncidentReference = incident;
            }

            if (patch.RequesterEmail is not null && patch.RequesterEmail != ticket.Requester.Email)
            {
                var email = Required("requesterEmail", patch.RequesterEmail, 254);
                // The address is in the requester fields; the history says it changed, not what it is.
                changes.Add(Entry(now, actor, "requester.email", null, null));
                ticket.Requester.Email = email;
            }

            if (changes.Count == 0)
            {
                return ticket;
            }

            ticket.History.AddRange(changes);
            ticket.UpdatedAt = now;
            database.Tickets.Update(ticket);
        }

        LogUpdated(logger, ticket.Reference, ticket.Status, ticket.Priority, actor.Kind);
        Notify(new TicketChanged(ticket, statusChanged ? "status" : "updated", actor, null));
        return ticket;
    }

    public Ticket AddComment(string reference, NewComment comment, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(comment);
        ArgumentNullException.ThrowIfNull(actor);
        var text = Required("text", comment.Text, MaxCommentLength);
        var fromStaff = actor.Kind is "agent" or "admin";
        // The system (moderation, handoff) leaves notes for the team too; a requester never writes hidden ones.
        if (comment.Internal && !fromStaff && actor.Kind != "system")
        {
            throw new InvalidTicketValueException("internal", "true", "only agents, admins and the system write internal notes");
        }

        Ticket ticket;
        lock (_writeLock)
        {
            ticket = Load(reference);
            var now = Now();
            ticket.Comments.Add(new TicketComment
            {
                Id = Guid.NewGuid().ToString("N")[..12],
                Text = text,
                Internal = comment.Internal,
                AuthorKind = actor.Kind,
                AuthorId = actor.Id,
                AuthorName = actor.DisplayName,
                At = now,
            });
            if (fromStaff && !comment.Internal && ticket.Sla.FirstResponseAt is null)
            {
                ticket.Sla.FirstResponseAt = now;
            }

            ticket.History.Add(Entry(now, actor, comment.Internal ? "internal-note" : "comment", null, null));
            ticket.UpdatedAt = now;
            database.Tickets.Update(ticket);
        }

        LogCommented(logger, ticket.Reference, actor.Kind, comment.Internal);
        Notify(new TicketChanged(ticket, "comment", actor, fromStaff && !comment.Internal ? text : null));
        return ticket;
    }

    public Ticket AddAttachment(string reference, TicketAttachment attachment, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        Required("attachment.name", attachment.Name, 255);
        Required("attachment.url", attachment.Url, 2_000);
        if (attachment.Size < 0)
        {
            throw new InvalidTicketValueException("attachment.size", attachment.Size.ToString(System.Globalization.CultureInfo.InvariantCulture), "cannot be negative");
        }

        Ticket ticket;
        lock (_writeLock)
        {
            ticket = Load(reference);
            var now = Now();
            ticket.Attachments.Add(attachment);
            ticket.History.Add(Entry(now, actor, "attachment", null, attachment.Name));
            ticket.UpdatedAt = now;
            database.Tickets.Update(ticket);
        }

        Notify(new TicketChanged(ticket, "attachment", actor, null));
        return ticket;
    }

    public int AnonymizeRequester(string userId, Actor actor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentNullException.ThrowIfNull(actor);
        lock (_writeLock)
        {
            var tickets = database.Tickets.Find(t => t.Requester.UserId == userId).ToList();
            var now = Now();
            foreach (var ticket in tickets)
            {
                ticket.Requester = new Requester { UserId = ErasedRequester };
                foreach (var comment in ticket.Comments.Where(c => c.AuthorId == userId))
                {
                    comment.AuthorId = ErasedRequester;
                    comment.AuthorName = null;
                }

                ticket.History.Add(Entry(now, actor, "requester", null, ErasedRequester));
                ticket.UpdatedAt = now;
                database.Tickets.Update(ticket);
            }

            return tickets.Count;
        }
    }

    /// <summary>An incident's own ticket is keyed as one on the incident index, never as a report of another incident.</summary>
    private static void CheckIncidentLink(bool isIncident, string? incidentReference)
    {
        if (isIncident && !string.IsNullOrEmpty(incidentReference))
        {
            throw new InvalidTicketValueException("incidentReference", incidentReference, "an incident's own ticket is not linked to another incident");
        }
    }

    private string NextReference(string prefix, int year)
    {
        var counterId = $"{prefix}-{year}";
        var counter = database.Counters.FindById(counterId);
        var next = (counter?["value"].AsInt64 ?? 0) + 1;
        database.Counters.Upsert(new BsonDocument { ["_id"] = counterId, ["value"] = next });
        return $"{prefix}-{year}-{next:D6}";
    }

    public Ticket Rate(string reference, int? score, string? comment, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (score is < 1 or > 5)
        {
            throw new InvalidTicketValueException("score", score.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be from 1 to 5");
        }

        var text = comment is null ? null : Required("comment", comment, MaxCommentLength);
        Ticket ticket;
        lock (_writeLock)
        {
            ticket = Load(reference);
            if (ticket.Status is not (TicketStatuses.Resolved or TicketStatuses.Closed))
            {
                throw new InvalidTicketValueException("status", ticket.Status, "only a resolved or closed ticket is rated");
            }

            if (score is null && ticket.Satisfaction is null)
            {
                throw new InvalidTicketValueException("score", "", "a comment follows a score");
            }

            var now = Now();
            ticket.Satisfaction = new SatisfactionRating
            {
                Score = score ?? ticket.Satisfaction!.Score,
                Comment = text ?? ticket.Satisfaction?.Comment,
                At = now,
            };
            ticket.History.Add(Entry(now, actor, "satisfaction", null, ticket.Satisfaction.Score.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            ticket.UpdatedAt = now;
            database.Tickets.Update(ticket);
        }

        Notify(new TicketChanged(ticket, "satisfaction", actor, null));
        return ticket;
    }

    public bool DeleteQuarantined(string reference, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        Ticket ticket;
        lock (_writeLock)
        {
            ticket = Load(reference);
            if (ticket.Status != TicketStatuses.Quarantined)
            {
                return false;
            }

            database.Tickets.Delete(ticket.Id);
        }

        LogDeleted(logger, ticket.Reference, actor.Kind);
        Notify(new TicketChanged(ticket, "deleted", actor, null));
        return true;
    }

    private Ticket Load(string reference) =>
        Find(reference) ?? throw new TicketNotFoundException(reference);

    private void Notify(TicketChanged change)
    {
        try
        {
            events.OnChanged(change);
        }
        catch (Exception ex)
        {
            // The change is stored; a listener failing must not turn it into an error for the caller.
            LogNotifyFailed(logger, ex, change.Ticket.Reference, change.Kind);
        }
    }

    // LiteDB keeps milliseconds; trimming here makes the returned ticket equal to the stored one.
    private DateTimeOffset Now()
    {
        var now = time.GetUtcNow();
        return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    private static string Normalize(string? reference) => reference?.Trim().ToUpperInvariant() ?? "";

    private static TicketHistoryEntry Entry(DateTimeOffset at, Actor actor, string field, string? from, string? to) =>
        new() { At = at, ActorKind = actor.Kind, ActorId = actor.Id, ActorName = actor.DisplayName, Field = field, From = from, To = to };

    private static string Required(string field, string? value, int maxLength)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw new InvalidTicketValueException(field, value, "is required");
        }

        return trimmed.Length <= maxLength
            ? trimmed
            : throw new InvalidTicketValueException(field, null, $"is longer than {maxLength} characters");
    }

    private static void CheckPriority(string? value)
    {
        if (!Taxonomy.IsPriority(value))
        {
            throw new InvalidTicketValueException("priority", value, $"must be one of {string.Join(", ", Taxonomy.Priorities)}");
        }
    }

    private static void CheckCategory(string? value)
    {
        if (!Taxonomy.IsCategory(value))
        {
            throw new InvalidTicketValueException("category", value, $"must be one of {string.Join(", ", Taxonomy.Categories)}");
        }
    }

    private static void CheckProduct(OperatorProfile profile, string? value)
    {
        if (!Taxonomy.IsProduct(value) || !profile.Products.Contains(value!, StringComparer.Ordinal))
        {
            throw new InvalidTicketValueException("product", value, $"must be one of {string.Join(", ", profile.Products)}");
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Ticket {Reference} created for {OperatorId}: {Priority} {Category}, {Status}")]
    private static partial void LogCreated(ILogger logger, string reference, string operatorId, string priority, string category, string status);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Ticket {Reference} updated by {ActorKind}: {Status}, {Priority}")]
    private static partial void LogUpdated(ILogger logger, string reference, string status, string priority, string actorKind);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Comment on ticket {Reference} by {ActorKind} (internal: {Internal})")]
    private static partial void LogCommented(ILogger logger, string reference, string actorKind, bool @internal);

    [LoggerMessage(Level = LogLevel.Information, Message = "Quarantined ticket {TicketReference} deleted by {ActorKind}")]
    private static partial void LogDeleted(ILogger logger, string ticketReference, string actorKind);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Error, Message = "A listener failed on the {Kind} change of ticket {Reference}; the change is stored")]
    private static partial void LogNotifyFailed(ILogger logger, Exception exception, string reference, string kind);
}
