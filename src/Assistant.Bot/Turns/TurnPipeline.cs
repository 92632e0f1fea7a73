using System.Text.Json.Nodes;
using Assistant.Bot.Admin.Audit;
using Assistant.Bot.Channel.Activities;
using Assistant.Bot.Handoff;
using Assistant.Bot.Intake;
using Assistant.Bot.Mail;
using Assistant.Bot.Metrics;
using Assistant.Bot.Satisfaction;
using Assistant.Bot.SelfService;
using Assistant.Bot.SemanticKernel;
using Assistant.Moderation.Analysis;
using Assistant.Moderation.Sanctions;
using Assistant.Moderation.Thresholds;
using Assistant.Ticketing.Operators;

namespace Assistant.Bot.Turns;

/// <summary>
/// One turn, in the order of DESIGN.md: sanction check, moderation, handoff router, then the intake dialog. State is saved
/// at the end of every turn; an exception leaves the previous state in place (the channel apologises).
/// </summary>
public sealed class TurnPipeline(
    IntakeDialog dialog,
    IntakeStateStore states,
    HandoffRouter handoff,
    SatisfactionDesk satisfaction,
    MailDesk mail,
    SelfServiceDesk selfService,
    IMessageAnalyzer analyzer,
    ISanctionService sanctions,
    IOperatorCatalog operators,
    ReplyTemplates replies,
    AuditLog audit,
    TurnMetrics metrics,
    TimeProvider time,
    ILogger<TurnPipeline> logger) : ITurnHandler
{
    /// <summary>Longer messages are refused before any analysis (a ticket description, not a document).</summary>
    public const int MaxMessageLength = 4000;

    public async Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["ConversationId"] = turn.ConversationId });
        var activity = turn.Activity;
        switch (activity.Type)
        {
            case ActivityTypes.ConversationUpdate when activity.MembersAdded?.Any(m => m.Id == turn.UserId && m.Role != RoleTypes.Bot) == true:
                await GreetAsync(turn, cancellationToken);
                break;
            case ActivityTypes.Message:
                await OnMessageAsync(turn, cancellationToken);
                break;
        }
    }

    private async Task GreetAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var state = LoadState(turn);
        if (states.Find(turn.ConversationId) is not null)
        {
            return; // a resumed conversation is not greeted twice
        }
        var thinking = TurnMetrics.Start();
        var output = await dialog.StartAsync(state, cancellationToken);
        metrics.Step(TurnSteps.Dialog, thinking);
        await SendAsync(turn, state, output, cancellationToken);
        Save(turn, state);
    }

    private async Task OnMessageAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var state = LoadState(turn);
        var text = MessageText(turn.Activity);
        var attachments = Attachments(turn.Activity);
        if (text.Length == 0 && attachments.Count == 0)
        {
            return;
        }

        var checking = TurnMetrics.Start();
        var status = sanctions.GetStatus(state.OperatorId, state.UserId, time.GetUtcNow());
        metrics.Step(TurnSteps.Storage, checking);
        if (!status.CanUseService)
        {
            await SendAsync(turn, state, [await SanctionReplyAsync(state, status, cancellationToken)], cancellationToken);
            return;
        }
        if (text.Length > MaxMessageLength)
        {
            await SendAsync(turn, state, [new Reply(TooLong(state.Language))], cancellationToken);
            return;
        }

        state.Language = LanguageDetector.Detect(text, state.Language);
        var quarantine = false;
        var moderating = TurnMetrics.Start();
        var verdict = Moderate(state, text);
        metrics.Moderated(moderating, verdict);
        if (handoff.IsHeld(turn.ConversationId))
        {
            // A person has (or is about to have) the conversation: moderation still counts, the bot stays silent.
            if (verdict is not null)
            {
                RecordViolation(turn, state, text, verdict);
                var auditing = TurnMetrics.Start();
                turn.WaitFor(audit.RecordModerationAsync(state.OperatorId, state.UserId, turn.ConversationId, turn.Activity.Id, verdict, answeredByModeration: false));
                metrics.Step(TurnSteps.Storage, auditing);
            }
            Save(turn, state);
            await turn.FlushAsync(cancellationToken);
            await handoff.ForwardAsync(turn, text, verdict, cancellationToken);
            return;
        }

        // A request for a person always reaches the handoff router: moderation may count a sure strike, never stand in the way.
        var asksForPerson = Commands.AsksForPerson(text);
        if (verdict is not null)
        {
            var handled = !asksForPerson && await ModerateAsync(turn, state, text, verdict, cancellationToken);
            if (asksForPerson && RecordViolation(turn, state, text, verdict) is { CanUseService: false } sanction)
            {
                await SendAsync(turn, state, [await SanctionReplyAsync(state, sanction, cancellationToken)], cancellationToken);
                handled = true;
            }
            var auditing = TurnMetrics.Start();
            turn.WaitFor(audit.RecordModerationAsync(state.OperatorId, state.UserId, turn.ConversationId, turn.Activity.Id, verdict, handled));
            metrics.Step(TurnSteps.Storage, auditing);
            if (handled)
            {
                Save(turn, state);
                return;
            }
            quarantine = verdict.Label == "abusive" && verdict.Action == "quarantine";
        }

        var thinking = TurnMetrics.Start();
        if (await mail.TryAnswerAsync(state, text, cancellationToken) is { } mailed)
        {
            metrics.Step(TurnSteps.Dialog, thinking);
            await SendAsync(turn, state, mailed, cancellationToken);
            Save(turn, state);
            return;
        }

        if (await satisfaction.TryAnswerAsync(state, turn.ConversationId, text, asksForPerson, cancellationToken) is { } answered)
        {
            metrics.Step(TurnSteps.Dialog, thinking);
            await SendAsync(turn, state, answered, cancellationToken);
            Save(turn, state);
            return;
        }

        var offTopic = verdict?.Label == "offtopic";
        var output = await dialog.OnMessageAsync(state, new UserMessage(text, attachments, quarantine, asksForPerson, offTopic), cancellationToken);
        if (state.Escalation is null && await mail.AfterTurnAsync(state, cancellationToken) is { } askAddress)
        {
            output = [.. output, askAddress];
        }
        metrics.Step(TurnSteps.Dialog, thinking);
        await SendAsync(turn, state, output, cancellationToken);
        if (state.Escalation is { } escalation)
        {
            state.Escalation = null;
            // The handoff's transcript and events must follow this turn's replies in the log.
            Save(turn, state);
            await turn.FlushAsync(cancellationToken);
            await handoff.EscalateAsync(turn, state, escalation, cancellationToken);
            return;
        }
        Save(turn, state);
    }

    /// <summary>
    /// The one place that decides how a user's text is moderated, with the dialog's context:
    /// <list type="bullet">
    /// <item>a click on one of the assistant's own buttons or a bare command is not user content: null, never moderated;</item>
    /// <item>a well-formed contact answer to the pending question, a short answer to a choice it offered ("c'est pour Ibox")
    /// or a short command ("où en est DGS-2026-000123 ?", "mes demandes") is not prose, and the text models score such
    /// fragments unreliably: only the explicit rules apply;</item>
    /// <item>anything else gets the full analysis (rules, then models and thresholds); an off-topic verdict on a question
    /// a help article answers with confidence is overruled.</item>
    /// </list>
    /// </summary>
    private ModerationVerdict? Moderate(IntakeState state, string text)
    {
        if (text.Length == 0 || Choices.IsButtonValue(text) || Commands.IsExactCommand(text) || MailDesk.IsNoEmail(text)
            || SatisfactionAnswers.TryParseRating(text, out _, out _) || SatisfactionAnswers.IsNoComment(text))
        {
            return null;
        }

        var verdict = analyzer.Moderate(text);
        if (verdict.DecidedBy.StartsWith("rule:", StringComparison.Ordinal))
        {
            return verdict;
        }

        var entities = EntityExtractor.Extract(text);
        var shortAnswer = ContactAnswers.IsWellFormed(state.PendingSlot, text, entities)
            || ContactAnswers.IsChoiceAnswer(state.PendingSlot, text)
            || (text.Length <= 60 && Commands.Detect(text, entities) != Command.None);
        if (shortAnswer)
        {
            return verdict with { Label = "ok", Action = "allow", DecidedBy = "short-answer" };
        }
        // A question one of the operator's own help articles answers is about the operator's services, whatever the
        // off-topic model made of its few words ("comment réinitialiser mon mot de passe ?").
        return verdict.Label == "offtopic" && selfService.Answers(state.OperatorId, state.Language, text)
            ? verdict with { Label = "ok", Action = "allow", DecidedBy = "help-article" }
            : verdict;
    }

    /// <returns>True when moderation answered the message and the dialog must not see it.</returns>
    private async Task<bool> ModerateAsync(TurnContext turn, IntakeState state, string text, ModerationVerdict verdict, CancellationToken cancellationToken)
    {
        if (verdict.Label == "abusive" && verdict.Action == ModerationActions.Rephrase)
        {
            // Not sure enough to punish: the message is not used, nothing counts, the pending question stays open.
            await SendAsync(turn, state, [new Reply(await RenderAsync("AbusiveRephrase", state, cancellationToken), state.PendingSlot)], cancellationToken);
            return true;
        }
        if (RecordViolation(turn, state, text, verdict) is { } sanction)
        {
            if (!sanction.CanUseService)
            {
                await SendAsync(turn, state, [await SanctionReplyAsync(state, sanction, cancellationToken)], cancellationToken);
                return true;
            }
            if (verdict.Action == "refuse")
            {
                // The question that was pending stays pending: the user can answer it politely.
                await SendAsync(turn, state, [new Reply(await RenderAsync("AbusiveRefused", state, cancellationToken), state.PendingSlot)], cancellationToken);
                return true;
            }
            if (verdict.Action == "warn")
            {
                await SendAsync(turn, state, [new Reply(await RenderAsync("AbusiveWarning", state, cancellationToken))], cancellationToken);
            }
            return false;
        }

        // Off-topic only matters when the user is not answering a question: "Marie Dupont" as a name is not off-topic.
        // A contact detail is not off-topic ("Marie Dupont" as a name); anything else off-topic is redirected, at the terms too.
        // A comment on a rating ("rapide, rien à redire") is not off-topic either.
        var answeringSlot = state.PendingSlot is Slots.Name or Slots.Email or Slots.Phone or Slots.CustomerNumber || state.SatisfactionPending is not null;
        if (verdict.Label == "offtopic" && verdict.Action != "allow" && !answeringSlot && state.Stage != IntakeStage.Confirming)
        {
            logger.LogInformation("Off-topic message redirected (score {Score:0.00})", verdict.Scores.Offtopic);
            await SendAsync(turn, state, [new Reply(await RenderAsync("OffTopic", state, cancellationToken))], cancellationToken);
            return true;
        }
        return false;
    }

    /// <summary>A strike for an abusive message on sure ground (a rule, or a score from the strike threshold); null for any other message.</summary>
    private SanctionStatus? RecordViolation(TurnContext turn, IntakeState state, string text, ModerationVerdict verdict)
    {
        if (verdict.Label != "abusive" || !verdict.Strike)
        {
            return null;
        }
        var clause = operators.Find(state.OperatorId)?.SanctionClause ?? "";
        var sanction = sanctions.RecordViolation(new Violation(
            state.OperatorId, state.UserId, turn.ConversationId, text, verdict.Label,
            verdict.Scores.Abusive, verdict.Scores.Offtopic, clause, verdict.DecidedBy, time.GetUtcNow(), turn.Activity.Id));
        logger.LogInformation("Abusive message ({Action}, score {Score:0.00}, decided by {DecidedBy}); user now {SanctionLevel}",
            verdict.Action, verdict.Scores.Abusive, verdict.DecidedBy, sanction.Level);
        return sanction;
    }

    private async Task<Reply> SanctionReplyAsync(IntakeState state, SanctionStatus status, CancellationToken cancellationToken)
    {
        if (status.Level == SanctionLevels.Banned)
        {
            return new Reply(await RenderAsync("Banned", state, cancellationToken));
        }
        var culture = System.Globalization.CultureInfo.GetCultureInfo(state.Language == LanguageDetector.English ? "en-GB" : "fr-FR");
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var until = status.Until is { } end ? TimeZoneInfo.ConvertTime(end, paris).ToString("f", culture) : "";
        return new Reply(await RenderAsync("Suspended", state, cancellationToken, new() { ["until"] = until }));
    }

    private async Task SendAsync(TurnContext turn, IntakeState state, IReadOnlyList<Reply> output, CancellationToken cancellationToken)
    {
        for (var i = 0; i < output.Count; i++)
        {
            var activity = ToActivity(output[i], state, turn.UserId);
            if (i < output.Count - 1 && output[i].Slot is null)
            {
                activity.InputHint = InputHints.IgnoringInput; // more is coming in this turn: clients need not answer yet
            }
            turn.Send(activity);
        }
    }

    /// <summary>A prompt that waits for one slot says so (<c>expectingInput</c> + <c>channelData.slot</c>) and offers its choices.</summary>
    public static Activity ToActivity(Reply reply, IntakeState state, string userId)
    {
        var activity = BotMessage.Plain(reply.Text, state.Language);
        activity.InputHint = reply.Slot is null ? InputHints.AcceptingInput : InputHints.ExpectingInput;
        if (reply.Slot is not null)
        {
            activity.ChannelData = new JsonObject { ["slot"] = reply.Slot };
        }
        if (reply.Choices is { Count: > 0 } choices)
        {
            activity.SuggestedActions = BotMessage.Buttons(choices, userId);
        }
        return activity;
    }

    private IntakeState LoadState(TurnContext turn)
    {
        var loading = TurnMetrics.Start();
        var state = states.Find(turn.ConversationId) ?? new IntakeState
        {
            Id = turn.ConversationId,
            OperatorId = operators.Find(turn.OperatorId)?.Id ?? turn.OperatorId,
            UserId = turn.UserId,
            Language = turn.Activity.Locale?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true ? LanguageDetector.English : LanguageDetector.French,
        };
        if (turn.Activity.ChannelId != Channel.ConversationSender.ChannelId && !string.IsNullOrWhiteSpace(turn.Activity.From?.Name))
        {
            // A name a Bot Framework channel vouches for (a Teams account), unlike the one a web page may put in from.name.
            state.ChannelUserName = PlainText.OneLine(turn.Activity.From.Name);
        }
        metrics.Step(TurnSteps.Storage, loading);
        return state;
    }

    /// <summary>The state goes with the turn's replies, in the same commit.</summary>
    private void Save(TurnContext turn, IntakeState state)
    {
        state.UpdatedAt = time.GetUtcNow();
        turn.SaveState(state);
    }

    /// <summary>The text of a message, or the string value of a postBack (suggested actions and card buttons).</summary>
    private static string MessageText(Activity activity)
    {
        var text = activity.Text;
        if (string.IsNullOrWhiteSpace(text) && activity.Value is JsonValue value && value.TryGetValue<string>(out var posted))
        {
            text = posted;
        }
        return text?.Trim() ?? "";
    }

    /// <summary>Files with an http(s) link only: a client's own activity may carry any URL (blob:, javascript:, data:).</summary>
    private static List<DraftAttachment> Attachments(Activity activity) =>
        [.. (activity.Attachments ?? [])
            .Where(a => Uri.TryCreate(a.ContentUrl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp))
            .Select(a => new DraftAttachment { Name = a.Name ?? "fichier", ContentType = a.ContentType ?? "application/octet-stream", Url = a.ContentUrl! })];

    private static string TooLong(string language) => language == LanguageDetector.English
        ? $"This message is too long ({MaxMessageLength} characters at most). Please describe the problem more briefly, and attach documents as files."
        : $"Ce message est trop long ({MaxMessageLength} caractères au plus). Décrivez le problème plus brièvement et joignez les documents en fichiers.";

    private Task<string> RenderAsync(string key, IntakeState state, CancellationToken cancellationToken, Dictionary<string, string?>? values = null)
    {
        values ??= [];
        values.TryAdd("operator", PlainText.OneLine(operators.Find(state.OperatorId)?.Name ?? state.OperatorId));
        return replies.RenderAsync(key, state.Language, values, cancellationToken);
    }
}
