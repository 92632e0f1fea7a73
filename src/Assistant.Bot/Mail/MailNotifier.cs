using Assistant.Bot.Incidents;
using Assistant.Bot.Intake;
using Assistant.Bot.SemanticKernel;
using Assistant.Ticketing.Mail;
using Assistant.Ticketing.Tickets;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Mail;

/// <summary>
/// Turns the ticket changes a customer hears about into mails in the outbox, before the change's caller gets its answer:
/// the receipt of a filed ticket, each public reply of the team, each status change the team makes (the resolution with
/// the satisfaction question), and the incident updates written on a linked ticket. Internal notes, the requester's own
/// changes, quarantined tickets and incidents' own tickets make none. Each event has one idempotency key, so telling it
/// twice queues one mail. Nothing is queued for an operator without mail settings, or for an opted-out address.
/// </summary>
public sealed partial class MailNotifier(
    IMailOutbox outbox,
    IMailAddressBook addresses,
    IntakeStateStore states,
    IOptions<MailOptions> options,
    MailDispatcher dispatcher,
    TimeProvider time,
    ILogger<MailNotifier> logger)
{
    public void OnChanged(TicketChanged change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var ticket = change.Ticket;
        if (ticket.IsIncident || ticket.Status == TicketStatuses.Quarantined || string.IsNullOrWhiteSpace(ticket.Requester.Email)
            || options.Value.For(ticket.OperatorId) is null)
        {
            return;
        }

        var language = states.Find(ticket.ConversationId)?.Language ?? LanguageDetector.French;
        if (What(change, language) is not var (kind, template, key, values))
        {
            return;
        }

        var now = time.GetUtcNow();
        var addressKey = MailAddressKey.Of(ticket.Requester.Email);
        values["reference"] = ticket.Reference;
        values["title"] = PlainText.OneLine(ticket.Title);
        var mail = new OutboxMail
        {
            Id = key,
            OperatorId = ticket.OperatorId,
            Kind = kind,
            TicketReference = ticket.Reference,
            ConversationId = ticket.ConversationId,
            UserId = ticket.Requester.UserId,
            To = ticket.Requester.Email.Trim(),
            Template = template,
            Language = language,
            Values = values,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        var suppressed = addresses.IsOptedOut(ticket.OperatorId, addressKey) ? "the customer asked for no e-mail"
            : addresses.Refused(ticket.OperatorId, addressKey) is { } refused ? $"the address was refused before ({refused.Reason})"
            : null;
        if (suppressed is not null)
        {
            mail.State = OutboxStates.Suppressed;
            mail.LastError = suppressed;
        }

        if (outbox.Enqueue(mail))
        {
            LogQueued(logger, kind, ticket.Reference, mail.State);
            dispatcher.Wake();
        }
    }

    private static (string Kind, string Template, string Key, Dictionary<string, string> Values)? What(TicketChanged change, string language)
    {
        var ticket = change.Ticket;
        var byTeam = change.Actor.Kind is "agent" or "admin";
        switch (change.Kind)
        {
            case "created":
                return ("receipt", "MailReceipt", $"receipt:{ticket.Reference}", new()
                {
                    ["firstResponse"] = TicketText.Duration(ticket.Sla.FirstResponseTarget, language),
                    ["resolution"] = TicketText.Duration(ticket.Sla.ResolutionTarget, language),
                });
            case "comment" when byTeam && change.PublicComment is not null:
                var reply = ticket.Comments[^1];
                return ("reply", "MailReply", $"comment:{ticket.Reference}:{reply.Id}", new()
                {
                    ["agent"] = PlainText.OneLine(change.Actor.DisplayName ?? ""),
                    ["comment"] = change.PublicComment,
                });
            case "comment" when change.Actor == NoticeDesk.IncidentActor && ticket.Comments[^1] is { Internal: false } update:
                return ("incident", "MailIncident", $"comment:{ticket.Reference}:{update.Id}", new() { ["update"] = update.Text });
            case "status" when byTeam:
                var resolved = ticket.Status == TicketStatuses.Resolved;
                return (resolved ? "satisfaction" : "status", resolved ? "MailResolved" : "MailStatus",
                    $"status:{ticket.Reference}:{ticket.History.Count}", new() { ["status"] = Choices.StatusTitle(ticket.Status, language) });
            default:
                return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail {MailKind} for ticket {TicketReference} queued ({MailState})")]
    private static partial void LogQueued(ILogger logger, string mailKind, string ticketReference, string mailState);
}
