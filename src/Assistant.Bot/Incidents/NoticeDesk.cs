using System.Text.Json.Nodes;
using Assistant.Bot.Auth;
using Assistant.Bot.Intake;
using Assistant.Bot.SemanticKernel;
using Assistant.Bot.Turns;
using Assistant.Ticketing.Notices;
using Assistant.Ticketing.Operators;
using Assistant.Ticketing.Tickets;

namespace Assistant.Bot.Incidents;

/// <summary>
/// What the team does with service notices: declare a maintenance or an incident (an incident gets a ticket of its
/// own), post updates, end it. Updates and the resolution of an incident reach every linked requester in their chat,
/// through the conversation log (an absent user reads them on their next visit); resolving resolves their reports.
/// </summary>
public sealed partial class NoticeDesk(
    NoticeBoard board,
    ITicketService tickets,
    IOperatorCatalog operators,
    IConversationSender sender,
    IntakeStateStore states,
    ReplyTemplates replies,
    ILogger<NoticeDesk> logger)
{
    public const int MaxMessageLength = 2000;

    /// <summary>The system actor of what the desk does to linked reports (not announced again by the ticket notifier).</summary>
    public static readonly Actor IncidentActor = Actor.System("incident");

    public async Task<ServiceNotice> DeclareAsync(DeclaredNotice declared, StaffScope staff)
    {
        ArgumentNullException.ThrowIfNull(declared);
        ArgumentNullException.ThrowIfNull(staff);
        var now = board.Now;
        var notice = new ServiceNotice
        {
            Id = Guid.NewGuid().ToString("N")[..12],
            OperatorId = declared.OperatorId,
            Kind = declared.Kind,
            Products = [.. declared.Products],
            MessageFr = declared.MessageFr,
            MessageEn = declared.MessageEn,
            StartsAt = declared.StartsAt ?? now,
            EndsAt = declared.EndsAt,
            CreatedBy = staff.DisplayName ?? staff.StaffId,
            CreatedAt = now,
        };
        if (notice.Kind == NoticeKinds.Incident)
        {
            var title = $"Incident {NoticeText.Products(notice, LanguageDetector.French)} : {PlainText.OneLine(notice.MessageFr)}";
            var ticket = await tickets.CreateAsync(
                new NewTicket(
                    notice.OperatorId,
                    title.Length <= TicketService.MaxTitleLength ? title : title[..TicketService.MaxTitleLength],
                    notice.MessageFr,
                    "incident",
                    notice.Products[0],
                    "urgent",
                    $"{staff.Role}:{staff.StaffId}",
                    new Requester { UserId = $"staff:{staff.StaffId}", Name = staff.DisplayName },
                    $"notice:{notice.Id}",
                    IsIncident: true),
                staff.Actor());
            notice.TicketReference = ticket.Reference;
        }
        board.Add(notice);
        LogDeclared(logger, notice.Kind, notice.Id, notice.OperatorId, notice.TicketReference);
        return notice;
    }

    /// <summary>Adds an update; for an incident, every linked requester is told. Returns how many were told.</summary>
    public async Task<(ServiceNotice Notice, int Told)?> PostUpdateAsync(string id, string textFr, string? textEn, StaffScope staff, CancellationToken cancellationToken)
    {
        var update = new NoticeUpdate { At = board.Now, TextFr = textFr, TextEn = textEn, Author = staff.DisplayName };
        var notice = board.Change(id, n =>
        {
            if (n.EndedAt is null)
            {
                n.Updates.Add(update);
            }
        });
        if (notice is null || notice.EndedAt is not null || notice.TicketReference is not { } incident)
        {
            return notice is null ? null : (notice, 0);
        }

        tickets.AddComment(incident, new NewComment(textFr, Internal: false), staff.Actor());
        var told = 0;
        foreach (var linked in OpenLinked(incident))
        {
            tickets.AddComment(linked.Reference, new NewComment(textFr, Internal: false), IncidentActor);
            if (await TellAsync(linked, notice, "IncidentUpdate", update.Text, null, cancellationToken))
            {
                told++;
            }
        }
        LogUpdated(logger, notice.Id, incident, told);
        return (notice, told);
    }

    /// <summary>
    /// Ends the notice. An incident's ticket is resolved, and so is every open report linked to it, with a note; each
    /// requester is told and can reopen theirs. Returns null for an unknown notice, and told = -1 when it had already ended.
    /// </summary>
    public async Task<(ServiceNotice Notice, int Told)?> EndAsync(string id, string? textFr, string? textEn, StaffScope staff, CancellationToken cancellationToken)
    {
        var alreadyEnded = false;
        var notice = board.Change(id, n =>
        {
            alreadyEnded = n.EndedAt is not null;
            if (!alreadyEnded)
            {
                n.EndedAt = board.Now;
                n.Resolution = textFr;
                if (textFr is not null)
                {
                    n.Updates.Add(new NoticeUpdate { At = n.EndedAt.Value, TextFr = textFr, TextEn = textEn, Author = staff.DisplayName });
                }
            }
        });
        if (notice is null)
        {
            return null;
        }
        if (alreadyEnded)
        {
            return (notice, -1);
        }
        if (notice.TicketReference is not { } incident)
        {
            LogEnded(logger, notice.Kind, notice.Id, null, 0);
            return (notice, 0);
        }

        var note = textFr ?? "Incident résolu.";
        tickets.AddComment(incident, new NewComment(note, Internal: false), staff.Actor());
        if (TicketWorkflow.CanMove(tickets.Find(incident)!.Status, TicketStatuses.Resolved))
        {
            tickets.Update(incident, new TicketPatch(Status: TicketStatuses.Resolved), staff.Actor());
        }
        var told = 0;
        foreach (var linked in OpenLinked(incident))
        {
            tickets.AddComment(linked.Reference, new NewComment($"Résolu avec l'incident {incident} : {note}", Internal: false), IncidentActor);
            if (TicketWorkflow.CanMove(linked.Status, TicketStatuses.Resolved))
            {
                tickets.Update(linked.Reference, new TicketPatch(Status: TicketStatuses.Resolved), IncidentActor);
            }
            var resolution = (bool english) => english && !string.IsNullOrWhiteSpace(textEn) ? textEn : textFr ?? "";
            if (await TellAsync(linked, notice, "IncidentResolved", resolution, Reopen(linked), cancellationToken))
            {
                told++;
            }
        }
        LogEnded(logger, notice.Kind, notice.Id, incident, told);
        return (notice, told);
    }

    /// <summary>Links existing reports to an incident (a suggested incident declared); each requester is told. Returns how many were told.</summary>
    public async Task<int> LinkAsync(IReadOnlyList<Ticket> reports, ServiceNotice notice, StaffScope staff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(notice);
        var incident = notice.TicketReference ?? throw new InvalidOperationException($"Notice {notice.Id} is not an incident.");
        var told = 0;
        foreach (var report in reports)
        {
            var linked = tickets.Update(report.Reference, new TicketPatch(IncidentReference: incident), staff.Actor());
            if (await TellAsync(linked, notice, "IncidentLinkedByTeam", english => NoticeText.Message(notice, english ? LanguageDetector.English : LanguageDetector.French), null, cancellationToken))
            {
                told++;
            }
        }
        LogLinked(logger, reports.Count, incident, told);
        return told;
    }

    /// <summary>The reports linked to an incident ticket, open ones and resolved ones alike.</summary>
    public IReadOnlyList<Ticket> Linked(string incidentReference) =>
        tickets.Query(new TicketQuery(Limit: 500) { IncidentReference = incidentReference });

    private IEnumerable<Ticket> OpenLinked(string incidentReference) =>
        Linked(incidentReference).Where(t => t.Status is not (TicketStatuses.Resolved or TicketStatuses.Closed or TicketStatuses.Quarantined));

    /// <summary>One bot message in the requester's conversation, in their language; false when it could not be written.</summary>
    private async Task<bool> TellAsync(Ticket linked, ServiceNotice notice, string key, Func<bool, string> text, Func<string, Choice>? choice, CancellationToken cancellationToken)
    {
        try
        {
            var language = states.Find(linked.ConversationId)?.Language ?? LanguageDetector.French;
            var english = language == LanguageDetector.English;
            var values = new Dictionary<string, string?>
            {
                ["operator"] = PlainText.OneLine(operators.Find(notice.OperatorId)?.Name ?? notice.OperatorId),
                ["reference"] = linked.Reference,
                ["product"] = NoticeText.Products(notice, language),
                ["update"] = PlainText.OneLine(text(english)),
                ["resolution"] = PlainText.OneLine(text(english)),
            };
            var activity = BotMessage.Plain(await replies.RenderAsync(key, language, values, cancellationToken), language);
            activity.ChannelData = new JsonObject { ["ticketReference"] = linked.Reference, ["incidentReference"] = notice.TicketReference, ["ticketEvent"] = key };
            if (choice?.Invoke(language) is { } offered)
            {
                activity.SuggestedActions = BotMessage.Buttons([offered], linked.Requester.UserId);
            }
            await sender.SendAsync(linked.ConversationId, activity, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One requester's chat failing must not stop the others being told; the ticket keeps the note.
            LogTellFailed(logger, ex, linked.Reference, key);
            return false;
        }
    }

    private static Func<string, Choice> Reopen(Ticket linked) => language => language == LanguageDetector.English
        ? new Choice("The problem goes on", $"reopen {linked.Reference}")
        : new Choice("Le problème continue", $"rouvrir {linked.Reference}");

    [LoggerMessage(Level = LogLevel.Information, Message = "Service notice {NoticeKind} {NoticeId} declared for {OperatorId} (incident ticket {IncidentReference})")]
    private static partial void LogDeclared(ILogger logger, string noticeKind, string noticeId, string operatorId, string? incidentReference);

    [LoggerMessage(Level = LogLevel.Information, Message = "Update on notice {NoticeId} (incident {IncidentReference}) told to {Told} linked requesters")]
    private static partial void LogUpdated(ILogger logger, string noticeId, string incidentReference, int told);

    [LoggerMessage(Level = LogLevel.Information, Message = "Service notice {NoticeKind} {NoticeId} ended (incident {IncidentReference}); {Told} linked requesters told")]
    private static partial void LogEnded(ILogger logger, string noticeKind, string noticeId, string? incidentReference, int told);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} reports linked to incident {IncidentReference}; {Told} requesters told")]
    private static partial void LogLinked(ILogger logger, int count, string incidentReference, int told);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ticket {TicketReference}: the incident message {Key} could not be written in the chat")]
    private static partial void LogTellFailed(ILogger logger, Exception exception, string ticketReference, string key);
}

/// <summary>A validated declaration.</summary>
public sealed record DeclaredNotice(string OperatorId, string Kind, IReadOnlyList<string> Products, string MessageFr, string? MessageEn, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt);
