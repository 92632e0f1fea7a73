using System.Text.Json.Nodes;
using Assistant.Bot.Channel.Activities;
using Assistant.Bot.Channel.Storage;
using Assistant.Bot.Intake;
using Assistant.Bot.Turns;
using Assistant.Moderation.Analysis;
using Assistant.Ticketing.Sla;
using Assistant.Ticketing.Tickets;

namespace Assistant.Bot.Handoff;

/// <summary>
/// The handoff step of the turn pipeline. While a conversation is pending or with an agent, the user's
/// messages go to the consoles (with moderation's findings) and the bot stays silent. When the dialog asks
/// for a person, it sends handoff.initiate and queues the conversation, or says honestly that no one can take it now.
/// </summary>
public sealed partial class HandoffRouter(
    HandoffStore store,
    HandoffAvailability availability,
    HandoffNotices notices,
    ConversationStore conversations,
    ITicketService tickets,
    ISlaCalculator sla,
    TimeProvider time,
    ILogger<HandoffRouter> logger)
{
    // The last few bot prompts tell the agent what the bot was trying to get.
    private const int TriedPrompts = 3;

    /// <summary>True while a person owns the conversation or it waits for one: the bot must not answer.</summary>
    public bool IsHeld(string conversationId) =>
        store.Find(conversationId)?.State is HandoffStates.Pending or HandoffStates.Active;

    /// <summary>Passes a user message on to the consoles; "annuler" while still waiting gives the conversation back to the bot.</summary>
    public async Task ForwardAsync(TurnContext turn, string text, ModerationVerdict? verdict, CancellationToken cancellationToken)
    {
        var record = store.Find(turn.ConversationId);
        if (record is null)
        {
            return;
        }

        if (record.State == HandoffStates.Pending && Commands.Detect(text, EntityExtractor.Extract(text)) == Command.Cancel)
        {
            await CancelAsync(record, cancellationToken);
            return;
        }

        ModerationFlag? flag = null;
        if (verdict is not null && verdict.Label != "ok")
        {
            flag = new ModerationFlag
            {
                ActivityId = turn.Activity.Id ?? "",
                Label = verdict.Label,
                Action = verdict.Action,
                Score = verdict.Label == "abusive" ? verdict.Scores.Abusive : verdict.Scores.Offtopic,
                At = time.GetUtcNow().UtcDateTime,
            };
            store.AddFlag(record.Id, flag);
            LogFlagged(logger, record.Id, record.TicketReference, verdict.Label, verdict.Action);
        }

        notices.PublishActivity(record, turn.Activity, flag);
        if (flag is not null && store.Find(record.Id) is { } flagged)
        {
            notices.PublishHandoff(HandoffResponse.From(flagged));
        }
    }

    /// <summary>Runs what the dialog asked for: handoff.initiate, then the queue or an honest "not now".</summary>
    public async Task EscalateAsync(TurnContext turn, IntakeState state, EscalationRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var ticket = request.TicketReference is { } reference
            ? tickets.Find(reference)
            : tickets.Query(new TicketQuery(OperatorId: state.OperatorId, ConversationId: state.Id, RequesterUserId: state.UserId, Limit: 1)).FirstOrDefault();
        var record = NewRecord(state, request.Reason, ticket, now);
        var open = availability.Check(state.OperatorId);

        var transcript = HandoffActivities.Transcript(conversations, state.Id);
        var routing = Routing(record, state, transcript, open);
        await notices.SendAsync(record, HandoffActivities.Initiate(transcript, routing, turn.Activity.Id), cancellationToken);

        var intro = IntroKey(request.Reason);
        var values = new Dictionary<string, string?> { ["reference"] = record.TicketReference };
        if (open.CanTakeNow && store.TryOpen(record))
        {
            var estimate = availability.Estimate(record);
            values["next"] = await notices.RenderAsync("HandoffWaiting", record.OperatorId, state.Language, new()
            {
                ["position"] = estimate.Position.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["estimate"] = HandoffNotices.EstimateText(estimate, state.Language),
            }, cancellationToken);
            await notices.TellUserAsync(record, await notices.RenderAsync(intro, record.OperatorId, state.Language, values, cancellationToken), cancellationToken);
            notices.PublishHandoff(HandoffResponse.From(record));
            LogQueued(logger, record.Id, record.TicketReference, record.Reason, record.Priority, estimate.Position, open.AgentsOnline);
            return;
        }

        // No one can take it now: the hub protocol says "failed", control stays with the bot, the ticket waits for the team.
        await notices.SendAsync(record, HandoffActivities.Status("failed", open.Problem, null), cancellationToken);
        if (ticket is not null)
        {
            tickets.AddComment(ticket.Reference,
                new NewComment($"Le demandeur a voulu parler à un conseiller ({record.Reason}) ; personne n'était disponible ({open.Problem}). À recontacter.", Internal: true),
                Actor.System("handoff"));
        }

        var followUp = ticket is null
            ? await notices.RenderAsync("HandoffFollowUpNoTicket", record.OperatorId, state.Language, null, cancellationToken)
            : await notices.RenderAsync("HandoffFollowUpTicket", record.OperatorId, state.Language, new()
            {
                ["reference"] = ticket.Reference,
                ["due"] = notices.LocalTime(record.OperatorId, ticket.Sla.FirstResponseDue, state.Language),
            }, cancellationToken);
        values["next"] = open.Open
            ? await notices.RenderAsync("HandoffNoAgent", record.OperatorId, state.Language, new() { ["followUp"] = followUp }, cancellationToken)
            : await notices.RenderAsync("HandoffClosed", record.OperatorId, state.Language, new()
            {
                ["reopens"] = notices.LocalTime(record.OperatorId, open.ReopensAt, state.Language),
                ["followUp"] = followUp,
            }, cancellationToken);
        await notices.TellUserAsync(record, await notices.RenderAsync(intro, record.OperatorId, state.Language, values, cancellationToken), cancellationToken);
        LogUnavailable(logger, record.Id, record.TicketReference, record.Reason, open.Problem);
    }

    /// <summary>A new handoff record from what the dialog and the ticket know; due time from the ticket's SLA or priority × tier.</summary>
    public HandoffRecord NewRecord(IntakeState state, string reason, Ticket? ticket, DateTimeOffset now)
    {
        var priority = ticket?.Priority ?? state.Draft.Priority ?? "normal";
        var tier = ticket?.ContractTier ?? state.Draft.ContractTier;
        var due = ticket?.Sla.FirstResponseDue ?? sla.Promise(state.OperatorId, priority, tier, now).FirstResponseDue;
        return new HandoffRecord
        {
            Id = state.Id,
            OperatorId = state.OperatorId,
            UserId = state.UserId,
            State = HandoffStates.Pending,
            Reason = reason,
            Language = state.Language,
            TicketReference = ticket?.Reference,
            Priority = priority,
            Category = ticket?.Category ?? state.Draft.Category,
            Product = ticket?.Product ?? state.Draft.Product,
            ContractTier = tier,
            SlaDue = due.UtcDateTime,
            RequestedAt = now.UtcDateTime,
        };
    }

    /// <summary>The value of handoff.initiate: why, how urgent, what the bot collected and what it tried.</summary>
    public static JsonObject Routing(HandoffRecord record, IntakeState state, JsonArray transcript, Availability open)
    {
        var draft = state.Draft;
        var prompts = transcript.OfType<JsonObject>()
            .Where(a => (string?)a["type"] == ActivityTypes.Message && (string?)a["from"]?["role"] == RoleTypes.Bot)
            .TakeLast(TriedPrompts)
            .Select(a => (JsonNode?)JsonValue.Create((string?)a["text"]))
            .ToArray();
        return new JsonObject
        {
            ["reason"] = record.Reason,
            ["operator"] = record.OperatorId,
            ["ticketReference"] = record.TicketReference,
            ["priority"] = record.Priority,
            ["category"] = record.Category,
            ["product"] = record.Product,
            ["contractTier"] = record.ContractTier,
            ["language"] = record.Language,
            ["slaFirstResponseDue"] = HandoffResponse.Utc(record.SlaDue),
            ["collected"] = new JsonObject
            {
                ["description"] = draft.Description,
                ["product"] = draft.Product,
                ["category"] = draft.Category,
                ["priority"] = draft.Priority,
                ["name"] = draft.Name,
                ["email"] = draft.Email,
                ["phone"] = draft.Phone,
                ["customerNumber"] = draft.CustomerNumber,
                ["customerVerified"] = draft.CustomerVerified,
                ["attachments"] = draft.Attachments.Count,
            },
            ["tried"] = new JsonObject
            {
                ["stage"] = state.Stage.ToString(),
                ["waitingFor"] = state.PendingSlot,
                ["notUnderstoodTwice"] = record.Reason == EscalationReasons.NotUnderstood,
                ["lastPrompts"] = new JsonArray(prompts),
            },
            ["availability"] = new JsonObject { ["open"] = open.Open, ["agentsOnline"] = open.AgentsOnline },
        };
    }

    private async Task CancelAsync(HandoffRecord record, CancellationToken cancellationToken)
    {
        if (!store.TryComplete(record.Id, time.GetUtcNow().UtcDateTime))
        {
            return;
        }

        await notices.SendAsync(record, HandoffActivities.Status("completed", "cancelled by the user", null), cancellationToken);
        var language = notices.LanguageOf(record);
        await notices.TellUserAsync(record, await notices.RenderAsync("HandoffCancelled", record.OperatorId, language, null, cancellationToken), cancellationToken);
        notices.PublishHandoff(HandoffResponse.From(store.Find(record.Id)!));
        LogCancelled(logger, record.Id, record.TicketReference);
    }

    private static string IntroKey(string reason) => reason switch
    {
        EscalationReasons.NotUnderstood => "HandoffNotUnderstood",
        EscalationReasons.UrgentContract => "HandoffUrgent",
        _ => "HumanRequested",
    };

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Conversation {ConversationId} queued for an agent (ticket {TicketReference}, reason {Reason}, priority {Priority}, position {Position}, {AgentsOnline} agents online)")]
    private static partial void LogQueued(ILogger logger, string conversationId, string? ticketReference, string reason, string priority, int position, int agentsOnline);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Handoff of conversation {ConversationId} not possible now (ticket {TicketReference}, reason {Reason}): {Problem}")]
    private static partial void LogUnavailable(ILogger logger, string conversationId, string? ticketReference, string reason, string problem);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "User left the queue on conversation {ConversationId} (ticket {TicketReference})")]
    private static partial void LogCancelled(ILogger logger, string conversationId, string? ticketReference);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Information, Message = "Moderation flagged a message for the agent on conversation {ConversationId} (ticket {TicketReference}): {Label}, {Action}")]
    private static partial void LogFlagged(ILogger logger, string conversationId, string? ticketReference, string label, string action);
}
