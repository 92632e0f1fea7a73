using Assistant.Bot.Auth;
using Assistant.Bot.Turns;
using Assistant.Bot.Channel.Storage;
using Assistant.Bot.Intake;
using Assistant.Bot.SemanticKernel;
using Assistant.Ticketing.Tickets;

namespace Assistant.Bot.Handoff;

/// <summary>What an agent does from the console: take a conversation, write in it, give it back. Scoped to the agent's operators.</summary>
public sealed partial class HandoffDesk(
    HandoffStore store,
    HandoffRouter router,
    HandoffNotices notices,
    HandoffAvailability availability,
    ConversationStore conversations,
    IntakeStateStore states,
    ITicketService tickets,
    TimeProvider time,
    ILogger<HandoffDesk> logger)
{
    public const int MaxMessageLength = 4000;

    private static readonly Dictionary<string, int> PriorityRank = new(StringComparer.Ordinal)
    {
        ["urgent"] = 0,
        ["high"] = 1,
        ["normal"] = 2,
        ["low"] = 3,
    };

    /// <summary>The queue an agent sees: most urgent first, then the earliest SLA due time, then the longest wait.</summary>
    public IReadOnlyList<HandoffResponse> Queue(StaffScope scope, string? state) =>
        [.. store.ListOpen(scope.IsAdmin ? null : scope.OperatorIds)
            .Where(h => state is null || h.State == state)
            .OrderBy(h => PriorityRank.GetValueOrDefault(h.Priority, 2))
            .ThenBy(h => h.SlaDue)
            .ThenBy(h => h.RequestedAt)
            .Select(HandoffResponse.From)];

    /// <summary>The conversation when it exists and belongs to one of the agent's operators; null otherwise, whatever the reason.</summary>
    public ConversationRecord? Conversation(string conversationId, StaffScope scope) =>
        conversations.Find(conversationId) is { } conversation && scope.CanSee(conversation.OperatorId) ? conversation : null;

    public ConversationView? View(string conversationId, StaffScope scope)
    {
        if (Conversation(conversationId, scope) is not { } conversation)
        {
            return null;
        }

        var handoff = store.Find(conversationId);
        return new ConversationView(conversation.Id, conversation.OperatorId, handoff is null ? null : HandoffResponse.From(handoff),
            HandoffActivities.Transcript(conversations, conversationId));
    }

    public async Task<DeskResult> AcceptAsync(string conversationId, StaffScope scope, CancellationToken cancellationToken)
    {
        if (Conversation(conversationId, scope) is not { } conversation)
        {
            return DeskResult.NotFound;
        }

        var agentName = scope.DisplayName ?? "Conseiller";
        var now = time.GetUtcNow();
        var existing = store.Find(conversationId);
        if (existing?.State == HandoffStates.Active)
        {
            // Accepting twice is harmless for the owner (a retried click); anyone else arrives too late.
            return existing.AgentId == scope.StaffId ? DeskResult.Ok(existing) : DeskResult.Conflict($"Already taken by {existing.AgentName}.");
        }

        if (existing?.State == HandoffStates.Completed)
        {
            return DeskResult.Conflict("This handoff is completed; the conversation is back with the assistant.");
        }

        if (existing is null)
        {
            // An agent picks a conversation the bot still has: it is opened and taken in one step.
            var state = states.Find(conversationId) ?? new IntakeState { Id = conversationId, OperatorId = conversation.OperatorId, UserId = conversation.UserId };
            var ticket = tickets.Query(new TicketQuery(OperatorId: conversation.OperatorId, ConversationId: conversationId, RequesterUserId: conversation.UserId, Limit: 1)).FirstOrDefault();
            var record = router.NewRecord(state, EscalationReasons.AgentPickup, ticket, now);
            record.State = HandoffStates.Active;
            record.AgentId = scope.StaffId;
            record.AgentName = agentName;
            record.AcceptedAt = now.UtcDateTime;
            if (!store.TryOpen(record))
            {
                return DeskResult.Conflict("Someone else took this conversation first.");
            }

            var transcript = HandoffActivities.Transcript(conversations, conversationId);
            await notices.SendAsync(record, HandoffActivities.Initiate(transcript, HandoffRouter.Routing(record, state, transcript, availability.Check(record.OperatorId)), null), cancellationToken);
        }
        else if (!store.TryAccept(conversationId, scope.StaffId, agentName, now.UtcDateTime))
        {
            var winner = store.Find(conversationId);
            return DeskResult.Conflict(winner?.State == HandoffStates.Active ? $"Already taken by {winner.AgentName}." : "This handoff is no longer waiting.");
        }

        var accepted = store.Find(conversationId)!;
        var agent = HandoffActivities.AgentAccount(scope.StaffId, agentName);
        await notices.SendAsync(accepted, HandoffActivities.Status("accepted", $"Accepted by {agentName}", agent), cancellationToken);
        await notices.TellUserAsync(accepted, await notices.RenderAsync("HandoffAccepted", accepted.OperatorId, notices.LanguageOf(accepted),
            new() { ["agent"] = PlainText.OneLine(agentName) }, cancellationToken), cancellationToken);
        AssignTicket(accepted, scope, agentName);
        notices.PublishHandoff(HandoffResponse.From(accepted));
        LogAccepted(logger, accepted.Id, accepted.TicketReference, scope.StaffId, (accepted.AcceptedAt!.Value - accepted.RequestedAt).TotalSeconds);
        return DeskResult.Ok(accepted);
    }

    public async Task<DeskResult> SendAsync(string conversationId, StaffScope scope, string text, CancellationToken cancellationToken)
    {
        var owned = Owned(conversationId, scope);
        if (owned.Handoff is not { } record)
        {
            return owned;
        }

        var message = BotMessage.Plain(text, notices.LanguageOf(record));
        message.From = HandoffActivities.AgentAccount(scope.StaffId, record.AgentName ?? scope.DisplayName ?? "");
        var sent = await notices.SendAsync(record, message, cancellationToken);
        LogAgentMessage(logger, record.Id, record.TicketReference, scope.StaffId);
        return DeskResult.Ok(record, sent.Id);
    }

    public async Task<DeskResult> TypingAsync(string conversationId, StaffScope scope, CancellationToken cancellationToken)
    {
        var owned = Owned(conversationId, scope);
        if (owned.Handoff is { } record)
        {
            await notices.TypingAsync(record, HandoffActivities.AgentAccount(scope.StaffId, record.AgentName ?? ""), cancellationToken);
        }

        return owned;
    }

    /// <summary>Gives the conversation back to the bot; with <paramref name="resolved"/>, also resolves the ticket.</summary>
    public async Task<DeskResult> CompleteAsync(string conversationId, StaffScope scope, bool resolved, CancellationToken cancellationToken)
    {
        if (Conversation(conversationId, scope) is null || store.Find(conversationId) is not { } record)
        {
            return DeskResult.NotFound;
        }

        if (record.State == HandoffStates.Completed)
        {
            return DeskResult.Ok(record);
        }

        if (record.State == HandoffStates.Active && record.AgentId != scope.StaffId && !scope.IsAdmin)
        {
            return DeskResult.Conflict($"This conversation is with {record.AgentName}.");
        }

        if (!store.TryComplete(conversationId, time.GetUtcNow().UtcDateTime))
        {
            return DeskResult.Ok(store.Find(conversationId)!);
        }

        var completed = store.Find(conversationId)!;
        var agentName = record.AgentName ?? scope.DisplayName ?? "";
        var resolvedTicket = resolved && ResolveTicket(completed, scope);
        await notices.SendAsync(completed, HandoffActivities.Status("completed", resolvedTicket ? "resolved" : "given back to the bot",
            HandoffActivities.AgentAccount(scope.StaffId, agentName)), cancellationToken);
        var text = await notices.RenderAsync(resolvedTicket ? "HandoffResolved" : "HandoffCompleted", completed.OperatorId, notices.LanguageOf(completed),
            new() { ["agent"] = PlainText.OneLine(agentName), ["reference"] = completed.TicketReference }, cancellationToken);
        await notices.TellUserAsync(completed, text, cancellationToken);
        notices.PublishHandoff(HandoffResponse.From(completed));
        LogCompleted(logger, completed.Id, completed.TicketReference, scope.StaffId, resolvedTicket);
        return DeskResult.Ok(completed);
    }

    /// <summary>The active handoff this agent owns, or why not (404 unknown or other operator, 409 not theirs or not active).</summary>
    private DeskResult Owned(string conversationId, StaffScope scope)
    {
        if (Conversation(conversationId, scope) is null)
        {
            return DeskResult.NotFound;
        }

        var record = store.Find(conversationId);
        if (record?.State != HandoffStates.Active)
        {
            return DeskResult.Conflict("No agent has this conversation: accept it first.");
        }

        return record.AgentId == scope.StaffId ? DeskResult.Ok(record) : DeskResult.Conflict($"This conversation is with {record.AgentName}.");
    }

    private void AssignTicket(HandoffRecord record, StaffScope scope, string agentName)
    {
        if (record.TicketReference is not { } reference || tickets.Find(reference) is not { } ticket)
        {
            return;
        }

        var status = ticket.Status == TicketStatuses.New ? TicketStatuses.Open : null;
        tickets.Update(reference, new TicketPatch(Status: status, AssigneeId: scope.StaffId, AssigneeName: agentName), ActorOf(scope, agentName));
    }

    private bool ResolveTicket(HandoffRecord record, StaffScope scope)
    {
        if (record.TicketReference is not { } reference || tickets.Find(reference) is not { } ticket)
        {
            return false;
        }

        if (ticket.Status == TicketStatuses.Resolved)
        {
            return true;
        }

        if (!TicketWorkflow.CanMove(ticket.Status, TicketStatuses.Resolved))
        {
            return false;
        }

        tickets.Update(reference, new TicketPatch(Status: TicketStatuses.Resolved), ActorOf(scope, record.AgentName));
        return true;
    }

    private static Actor ActorOf(StaffScope scope, string? name) => new(scope.Role, scope.StaffId, name);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Information, Message = "Agent {StaffId} took conversation {ConversationId} (ticket {TicketReference}) after {WaitSeconds:0} s")]
    private static partial void LogAccepted(ILogger logger, string conversationId, string? ticketReference, string staffId, double waitSeconds);

    [LoggerMessage(EventId = 6012, Level = LogLevel.Debug, Message = "Agent {StaffId} wrote on conversation {ConversationId} (ticket {TicketReference})")]
    private static partial void LogAgentMessage(ILogger logger, string conversationId, string? ticketReference, string staffId);

    [LoggerMessage(EventId = 6013, Level = LogLevel.Information, Message = "Agent {StaffId} gave conversation {ConversationId} back to the bot (ticket {TicketReference}, resolved {Resolved})")]
    private static partial void LogCompleted(ILogger logger, string conversationId, string? ticketReference, string staffId, bool resolved);
}

/// <summary>How a desk action ended: 200 with the handoff, 404, or 409 with the reason.</summary>
public sealed record DeskResult(int Status, HandoffRecord? Handoff, string? Problem = null, string? ActivityId = null)
{
    public static readonly DeskResult NotFound = new(StatusCodes.Status404NotFound, null, "Unknown conversation.");

    public static DeskResult Ok(HandoffRecord handoff, string? activityId = null) => new(StatusCodes.Status200OK, handoff, null, activityId);

    public static DeskResult Conflict(string problem) => new(StatusCodes.Status409Conflict, null, problem);
}
