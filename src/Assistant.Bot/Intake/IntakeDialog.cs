using Assistant.Bot.Incidents;
using Assistant.Bot.SelfService;
using Assistant.Bot.SemanticKernel;
using Assistant.Knowledge.Articles;
using Assistant.Moderation.Analysis;
using Assistant.Ticketing.Notices;
using Assistant.Ticketing.Operators;

namespace Assistant.Bot.Intake;

/// <summary>
/// The conversation that turns a user's words into a ticket: consent, then the problem, product, category,
/// contact and customer number, each asked only if still missing, one question at a time; a summary; the
/// ticket on confirmation. Also the commands available at any point (help, cancel, restart, follow-up).
/// </summary>
public sealed class IntakeDialog(
    ReplyTemplates replies,
    IIntakeInterpreter interpreter,
    IMessageAnalyzer analyzer,
    IntakeTicketing ticketing,
    IOperatorCatalog operators,
    NoticeBoard notices,
    SelfServiceDesk selfService,
    GroundedAnswerer answerer,
    ILogger<IntakeDialog> logger)
{
    /// <summary>Two messages in a row the dialog cannot use, and a person takes over.</summary>
    public const int MisunderstoodBeforeHandoff = 2;

    /// <summary>Greets a new conversation; asks for consent straight away when the user has not given it.</summary>
    public async Task<IReadOnlyList<Reply>> StartAsync(IntakeState state, CancellationToken cancellationToken)
    {
        var output = new List<Reply> { new(await RenderAsync("Greeting", state, cancellationToken)) };
        var now = notices.Now;
        if (notices.Current(state.OperatorId).Where(n => n.IsActive(now)).ToList() is { Count: > 0 } active)
        {
            output.Add(new(await RenderAsync("NoticeGreeting", state, cancellationToken, new() { ["notices"] = NoticeText.Lines(active, state.Language) })));
        }
        if (!ticketing.HasConsent(Operator(state), state.UserId))
        {
            output.Add(await ConsentPromptAsync(state, cancellationToken));
        }
        return output;
    }

    public async Task<IReadOnlyList<Reply>> OnMessageAsync(IntakeState state, UserMessage message, CancellationToken cancellationToken)
    {
        state.Language = LanguageDetector.Detect(message.Text, state.Language);
        var interpretation = await interpreter.InterpretAsync(message.Text, state, cancellationToken);
        var output = new List<Reply>();
        var profile = Operator(state);

        switch (interpretation.Command)
        {
            case Command.Help:
                output.Add(new(await RenderAsync("Help", state, cancellationToken)));
                return output;
            case Command.MyTickets:
                output.Add(await MyTicketsAsync(state, cancellationToken));
                return output;
            case Command.TicketStatus:
                foreach (var reference in interpretation.Entities.TicketReferences)
                {
                    output.Add(await TicketStatusAsync(state, reference, cancellationToken));
                }
                return output;
            case Command.Reopen:
                output.Add(await ReopenAsync(state, interpretation.Entities.TicketReferences[0], cancellationToken));
                return output;
            case Command.AddToTicket:
                output.Add(await AddToTicketAsync(state, interpretation.Entities.TicketReferences[0], message, cancellationToken));
                return output;
            case Command.Cancel:
                var hadDraft = state.Stage != IntakeStage.Idle;
                Reset(state);
                output.Add(new(await RenderAsync(hadDraft ? "Cancelled" : "NothingToCancel", state, cancellationToken)));
                return output;
            case Command.Restart:
                Reset(state);
                output.Add(new(await RenderAsync("Restarted", state, cancellationToken)));
                output.Add(await AskAsync(state, Slots.Description, cancellationToken));
                return output;
        }

        if (interpretation.Command == Command.Human || message.AsksForPerson)
        {
            // Before the terms too: talking to a person files nothing. The handoff router tells the user what happens
            // next; a problem described in the same message goes into the draft for the agent to read.
            if (state.Stage == IntakeStage.Idle)
            {
                state.Stage = IntakeStage.Collecting;
                PrefillContact(state);
            }
            var described = DraftMerger.Merge(state.Draft, interpretation with { Command = Command.None }, message.Text, pendingSlot: null);
            if (described.DescriptionAdded)
            {
                Triage(state.Draft);
            }
            if (state.PendingSlot == Slots.Article)
            {
                // Asking for a person instead of answering says enough about the article.
                await selfService.NotHelpedAsync(state);
                state.PendingSlot = null;
            }
            state.Escalation = new EscalationRequest { Reason = EscalationReasons.UserRequest };
            return output;
        }

        if (state.PendingSlot == Slots.Article && state.Draft.OfferedArticles.Count > 0)
        {
            state.PendingSlot = null;
            if (interpretation.Command == Command.Yes)
            {
                await selfService.ConfirmAsync(state);
                output.Add(new(await RenderAsync("SelfServiceResolved", state, cancellationToken)));
                Reset(state);
                return output;
            }
            await selfService.NotHelpedAsync(state);
            if (interpretation.Command == Command.No)
            {
                // Everything said so far stays in the draft: the intake asks only what is still missing.
                output.Add(new(await RenderAsync("SelfServiceNotHelped", state, cancellationToken)));
                if (!ticketing.HasConsent(profile, state.UserId))
                {
                    output.Add(await ConsentPromptAsync(state, cancellationToken));
                    return output;
                }
                await VerifyCustomerAsync(state, output, cancellationToken);
                await ContinueAsync(state, output, cancellationToken);
                return output;
            }
            // Anything else is read as more about the problem: the ticket goes on from it.
        }

        if (!ticketing.HasConsent(profile, state.UserId))
        {
            return await ConsentTurnAsync(profile, state, interpretation, message, cancellationToken);
        }

        if (state.LinkedReportAwaitingEmail is { } report && state.PendingSlot == Slots.Email)
        {
            state.LinkedReportAwaitingEmail = null;
            state.PendingSlot = null;
            if (interpretation.Entities.Email is { } email)
            {
                ticketing.AddEmail(report, state, email);
                output.Add(new(await RenderAsync("LinkedEmailAdded", state, cancellationToken, new() { ["reference"] = report })));
                return output;
            }
            if (interpretation.Command is Command.Skip or Command.No)
            {
                output.Add(new(await RenderAsync("LinkedEmailSkipped", state, cancellationToken, new() { ["reference"] = report })));
                return output;
            }
            // Not an answer to the question: read as a new message.
        }

        if (state.Stage == IntakeStage.Idle)
        {
            state.Stage = IntakeStage.Collecting;
            PrefillContact(state);
        }
        if (message.Quarantine)
        {
            state.Draft.Quarantine = true;
        }
        state.Draft.Attachments.AddRange(message.Attachments);

        if (state.PendingSlot == Slots.Incident && state.Draft.OfferedIncident is { } offered)
        {
            state.PendingSlot = null;
            state.Draft.OfferedIncident = null;
            var linked = interpretation.Command == Command.Yes;
            if (linked && notices.Find(offered) is { EndedAt: null, TicketReference: { } incidentReference } incident)
            {
                return await LinkToIncidentAsync(state, incident, incidentReference, cancellationToken);
            }
            if (linked || interpretation.Command == Command.No || IsSomethingElse(message.Text))
            {
                // Not this incident (or it ended meanwhile): the intake goes on from what is already known.
                await ContinueAsync(state, output, cancellationToken);
                return output;
            }
            // Anything else is read as more about the problem, with no question pending.
        }

        if (state.Stage == IntakeStage.Confirming && state.PendingSlot == Slots.Confirmation)
        {
            if (interpretation.Command == Command.Yes)
            {
                return await CreateTicketAsync(state, cancellationToken);
            }
            if (interpretation.Command is Command.No or Command.Modify)
            {
                state.PendingSlot = Slots.Other;
                output.Add(new(await RenderAsync("AskWhatToChange", state, cancellationToken), Slots.Other));
                return output;
            }
        }

        var merge = DraftMerger.Merge(state.Draft, interpretation, message.Text, state.PendingSlot, mayDescribe: !message.OffTopic);
        if (merge.DescriptionAdded)
        {
            Triage(state.Draft);
        }
        if (merge.Problem is not null)
        {
            output.Add(new(await RenderAsync(merge.Problem, state, cancellationToken)));
            output.Add(await AskAsync(state, state.PendingSlot!, cancellationToken));
            return output;
        }
        if (!merge.Changed && interpretation.Command == Command.None)
        {
            state.Misunderstood++;
            output.Add(new(await RenderAsync("NotUnderstood", state, cancellationToken)));
            if (state.Misunderstood >= MisunderstoodBeforeHandoff)
            {
                state.Misunderstood = 0;
                state.Escalation = new EscalationRequest { Reason = EscalationReasons.NotUnderstood };
                return output;
            }
            if (state.PendingSlot is not null and not Slots.Other)
            {
                output.Add(await AskAsync(state, state.PendingSlot, cancellationToken));
            }
            return output;
        }
        state.Misunderstood = 0;

        await VerifyCustomerAsync(state, output, cancellationToken);
        if (merge.DescriptionAdded && await OfferArticlesAsync(state, message, output, cancellationToken))
        {
            return output;
        }
        await ContinueAsync(state, output, cancellationToken);
        return output;
    }

    /// <summary>
    /// A problem a help article already solves gets the article first (an extract, its title and link, or up to three
    /// titles), with "did it solve it?". Not for a request the desk says must go straight on (urgent, contract customer
    /// asking for a ticket...). With an LLM endpoint the model writes the answer from those articles only, citing them,
    /// or says they do not cover the question (then nothing is shown); the local extract is the fallback.
    /// True when articles were offered and the turn ends on that question.
    /// </summary>
    private async Task<bool> OfferArticlesAsync(IntakeState state, UserMessage message, List<Reply> output, CancellationToken cancellationToken)
    {
        if (!selfService.MayAnswer(state.Draft, message) || await selfService.FindAsync(state, state.Draft.Description!) is not { } outcome)
        {
            return false;
        }
        var articles = selfService.Articles(outcome.Articles, state.Language);
        if (articles.Count == 0)
        {
            return false;
        }
        string text;
        if (answerer.Configured)
        {
            var grounded = await answerer.AnswerAsync(state.Draft.Description!, articles, state.Language, Operator(state).Name, state.Id, cancellationToken);
            if (grounded is { Covered: false })
            {
                // The model read the articles and says they do not answer this: no article, the ticket goes on.
                await selfService.WithdrawAsync(state, state.Draft.Description!);
                return false;
            }
            if (grounded is not null)
            {
                text = await RenderAsync("SelfServiceGroundedAnswer", state, cancellationToken, new()
                {
                    ["answer"] = grounded.Text,
                    ["sources"] = string.Join('\n', grounded.Sources.Select(a => $"- {a.Title} : {a.Link}")),
                });
                state.PendingSlot = Slots.Article;
                output.Add(new Reply(text, Slots.Article, Choices.SelfService(state.Language)));
                return true;
            }
            // No usable answer from the model: the local extract, as without an endpoint.
        }
        text = outcome.Decision == SelfServiceDecisions.Answer
            ? await RenderAsync("SelfServiceAnswer", state, cancellationToken, new()
            {
                ["title"] = articles[0].Title,
                ["extract"] = ArticleExtract.Of(articles[0]),
                ["link"] = articles[0].Link,
            })
            : await RenderAsync("SelfServiceOffer", state, cancellationToken, new()
            {
                ["articles"] = string.Join('\n', articles.Select(a => $"- {a.Title} : {a.Link}")),
            });
        state.PendingSlot = Slots.Article;
        output.Add(new Reply(text, Slots.Article, Choices.SelfService(state.Language)));
        return true;
    }

    private async Task<IReadOnlyList<Reply>> ConsentTurnAsync(OperatorProfile profile, IntakeState state, Interpretation interpretation, UserMessage message, CancellationToken cancellationToken)
    {
        var output = new List<Reply>();
        var accepts = interpretation.Command == Command.AcceptTerms || (state.PendingSlot == Slots.Consent && interpretation.Command == Command.Yes);
        var refuses = interpretation.Command == Command.RefuseTerms || (state.PendingSlot == Slots.Consent && interpretation.Command == Command.No);
        if ((accepts || refuses) && state.ConsentOffered is { } shown && shown != profile.CguVersion)
        {
            // The terms changed since the user read them (an admin's edit): they answer the version they are shown.
            output.Add(await ConsentPromptAsync(state, cancellationToken));
            return output;
        }

        if (accepts)
        {
            await ticketing.RecordConsentAsync(profile, state.UserId, accepted: true);
            output.Add(new(await RenderAsync("ConsentAccepted", state, cancellationToken)));
            if (state.Stage == IntakeStage.Idle)
            {
                state.Stage = IntakeStage.Collecting;
                PrefillContact(state);
            }
            state.PendingSlot = null;
            await VerifyCustomerAsync(state, output, cancellationToken);
            await ContinueAsync(state, output, cancellationToken);
            return output;
        }
        if (refuses)
        {
            await ticketing.RecordConsentAsync(profile, state.UserId, accepted: false);
            state.PendingSlot = null;
            output.Add(new(await RenderAsync("ConsentRefused", state, cancellationToken)));
            return output;
        }

        // What the user already said is kept, so accepting the terms next does not make them repeat it.
        if (state.Stage == IntakeStage.Idle)
        {
            state.Stage = IntakeStage.Collecting;
            PrefillContact(state);
        }
        var merge = DraftMerger.Merge(state.Draft, interpretation, message.Text, pendingSlot: null, mayDescribe: !message.OffTopic);
        if (merge.DescriptionAdded)
        {
            Triage(state.Draft);
        }
        state.Draft.Quarantine |= message.Quarantine;
        // An answer needs no ticket, so no terms either: the article comes first, the terms only if it did not help.
        if (merge.DescriptionAdded && await OfferArticlesAsync(state, message, output, cancellationToken))
        {
            return output;
        }
        output.Add(new(await RenderAsync("ConsentRequired", state, cancellationToken)));
        output.Add(await ConsentPromptAsync(state, cancellationToken));
        return output;
    }

    private async Task<Reply> ConsentPromptAsync(IntakeState state, CancellationToken cancellationToken)
    {
        state.PendingSlot = Slots.Consent;
        var profile = Operator(state);
        state.ConsentOffered = profile.CguVersion;
        var text = await RenderAsync("Consent", state, cancellationToken, new()
        {
            ["cguVersion"] = PlainText.OneLine(profile.CguVersion),
            ["cguUrl"] = profile.CguUrl,
        });
        return new Reply(text, Slots.Consent, Choices.Consent(state.Language));
    }

    /// <summary>
    /// The next step once the problem is known: an ongoing incident on its product is told first and the user asked
    /// whether it is theirs; a maintenance is told once (the ticket is still filed); then the next question or the summary.
    /// </summary>
    private async Task ContinueAsync(IntakeState state, List<Reply> output, CancellationToken cancellationToken)
    {
        var draft = state.Draft;
        if (draft.Description is not null && draft.Product is not null && !draft.Quarantine)
        {
            if (notices.ActiveIncident(state.OperatorId, draft.Product) is { TicketReference: not null } incident && !draft.NoticesTold.Contains(incident.Id))
            {
                draft.NoticesTold.Add(incident.Id);
                draft.OfferedIncident = incident.Id;
                state.Stage = IntakeStage.Collecting;
                state.PendingSlot = Slots.Incident;
                var text = await RenderAsync("IncidentOffer", state, cancellationToken, new()
                {
                    ["product"] = NoticeText.Products(incident, state.Language),
                    ["since"] = NoticeText.When(incident.StartsAt, state.Language),
                    ["symptoms"] = NoticeText.Message(incident, state.Language),
                    ["last"] = NoticeText.LastUpdate(incident, state.Language),
                });
                output.Add(new Reply(text, Slots.Incident, Choices.Incident(state.Language)));
                return;
            }
            if (notices.ActiveMaintenance(state.OperatorId, draft.Product) is { EndsAt: { } back } maintenance && !draft.NoticesTold.Contains(maintenance.Id))
            {
                draft.NoticesTold.Add(maintenance.Id);
                output.Add(new(await RenderAsync("MaintenanceNotice", state, cancellationToken, new()
                {
                    ["product"] = NoticeText.Products(maintenance, state.Language),
                    ["until"] = NoticeText.When(back, state.Language),
                    ["message"] = NoticeText.Message(maintenance, state.Language),
                })));
            }
        }
        output.Add(await NextStepAsync(state, cancellationToken));
    }

    private static bool IsSomethingElse(string text)
    {
        var folded = EntityExtractor.Fold(text);
        return folded.Contains("autre chose", StringComparison.Ordinal) || folded.Contains("something else", StringComparison.Ordinal)
            || folded.Contains("pas ca", StringComparison.Ordinal) || folded.Contains("not that", StringComparison.Ordinal);
    }

    private async Task<IReadOnlyList<Reply>> LinkToIncidentAsync(IntakeState state, ServiceNotice incident, string incidentReference, CancellationToken cancellationToken)
    {
        var ticket = await ticketing.CreateLinkedAsync(Operator(state), state, state.Draft, incidentReference);
        logger.LogInformation("Ticket {TicketReference} filed from conversation {ConversationId} and linked to incident {IncidentReference}",
            ticket.Reference, state.Id, incidentReference);
        var text = await RenderAsync("IncidentLinked", state, cancellationToken, new()
        {
            ["reference"] = ticket.Reference,
            ["product"] = NoticeText.Products(incident, state.Language),
        });
        state.LastTicketReference = ticket.Reference;
        var emailKnown = state.Draft.Email is not null;
        Reset(state);
        if (emailKnown)
        {
            return [new Reply(text)];
        }
        // The report is already linked; an e-mail lets the team write outside the chat too, and may be skipped.
        state.LinkedReportAwaitingEmail = ticket.Reference;
        state.PendingSlot = Slots.Email;
        return [new Reply(text), new Reply(await RenderAsync("AskLinkedEmail", state, cancellationToken), Slots.Email, Choices.SkipPhone(state.Language))];
    }

    private async Task<Reply> ReopenAsync(IntakeState state, string reference, CancellationToken cancellationToken)
    {
        var ticket = ticketing.FindMine(state.OperatorId, state.UserId, reference);
        if (ticket is null)
        {
            return new(await RenderAsync("TicketNotFound", state, cancellationToken, new() { ["reference"] = PlainText.OneLine(reference) }));
        }
        if (ticket.Status != Assistant.Ticketing.Tickets.TicketStatuses.Resolved)
        {
            return new(await RenderAsync("TicketNotReopened", state, cancellationToken, new()
            {
                ["reference"] = ticket.Reference,
                ["status"] = Choices.StatusTitle(ticket.Status, state.Language),
            }));
        }
        ticketing.Reopen(ticket, state);
        logger.LogInformation("Ticket {TicketReference} reopened by its requester in conversation {ConversationId}", ticket.Reference, state.Id);
        return new(await RenderAsync("TicketReopened", state, cancellationToken, new() { ["reference"] = ticket.Reference }));
    }

    /// <summary>Asks for the first missing piece, or shows the summary when nothing is missing.</summary>
    private async Task<Reply> NextStepAsync(IntakeState state, CancellationToken cancellationToken)
    {
        var draft = state.Draft;
        var missing =
            draft.Description is null ? Slots.Description
            : draft.Product is null ? Slots.Product
            : draft.Category is null ? Slots.Category
            : draft.Name is null ? Slots.Name
            : draft.Email is null ? Slots.Email
            : draft.Phone is null && !draft.PhoneSkipped ? Slots.Phone
            : draft.CustomerNumber is null && !draft.NotCustomer ? Slots.CustomerNumber
            : null;
        if (missing is not null)
        {
            state.Stage = IntakeStage.Collecting;
            return await AskAsync(state, missing, cancellationToken);
        }

        state.Stage = IntakeStage.Confirming;
        state.PendingSlot = Slots.Confirmation;
        var summary = TicketText.Summary(draft, state.Language);
        var text = await RenderAsync("Summary", state, cancellationToken, new() { ["summary"] = summary });
        return new Reply(text, Slots.Confirmation, Choices.Confirmation(state.Language));
    }

    private async Task<Reply> AskAsync(IntakeState state, string slot, CancellationToken cancellationToken)
    {
        state.PendingSlot = slot;
        var (key, choices) = slot switch
        {
            Slots.Description => ("AskDescription", null),
            Slots.Product => ("AskProduct", Choices.Products(state.Language, Operator(state).Products)),
            Slots.Category => ("AskCategory", Choices.Categories(state.Language)),
            Slots.Name => ("AskName", state.ChannelUserName is { Length: > 0 } known ? [new Choice(known, known)] : null),
            Slots.Email => ("AskEmail", null),
            Slots.Phone => ("AskPhone", Choices.SkipPhone(state.Language)),
            Slots.CustomerNumber => ("AskCustomerNumber", Choices.NotCustomer(state.Language)),
            Slots.Consent => ("Consent", Choices.Consent(state.Language)),
            _ => ("AskWhatToChange", (IReadOnlyList<Choice>?)null),
        };
        if (slot == Slots.Consent)
        {
            return await ConsentPromptAsync(state, cancellationToken);
        }
        return new Reply(await RenderAsync(key, state, cancellationToken), slot, choices);
    }

    private async Task VerifyCustomerAsync(IntakeState state, List<Reply> output, CancellationToken cancellationToken)
    {
        var draft = state.Draft;
        if (draft.CustomerNumber is null || draft.Email is null || draft.VerificationAttempted)
        {
            return;
        }
        draft.VerificationAttempted = true;
        var verification = ticketing.VerifyCustomer(Operator(state), state.UserId, draft.CustomerNumber, draft.Email);
        draft.CustomerVerified = verification.IsVerified;
        draft.ContractTier = verification.IsVerified ? verification.ContractTier : "none";
        output.Add(verification.IsVerified
            ? new(await RenderAsync("CustomerVerified", state, cancellationToken, new() { ["tier"] = verification.ContractTier }))
            : new(await RenderAsync("CustomerNotVerified", state, cancellationToken)));
    }

    private async Task<IReadOnlyList<Reply>> CreateTicketAsync(IntakeState state, CancellationToken cancellationToken)
    {
        var draft = state.Draft;
        var ticket = await ticketing.CreateAsync(Operator(state), state, draft);
        logger.LogInformation("Ticket {TicketReference} filed from conversation {ConversationId} (priority {Priority} by {PriorityDecidedBy})",
            ticket.Reference, state.Id, ticket.Priority, ticket.PriorityDecidedBy);

        var values = new Dictionary<string, string?>
        {
            ["reference"] = ticket.Reference,
            ["firstResponse"] = TicketText.Duration(ticket.Sla.FirstResponseTarget, state.Language),
            ["resolution"] = TicketText.Duration(ticket.Sla.ResolutionTarget, state.Language),
        };
        var text = await RenderAsync(draft.Quarantine ? "CreatedQuarantined" : "Created", state, cancellationToken, values);
        state.LastTicketReference = ticket.Reference;
        if (ticket.Priority == "urgent" && draft.CustomerVerified && draft.ContractTier is "premium" or "standard")
        {
            // Digisense 2: direct handoff is a contract feature.
            state.Escalation = new EscalationRequest { Reason = EscalationReasons.UrgentContract, TicketReference = ticket.Reference };
        }
        Reset(state);
        return [new Reply(text)];
    }

    private async Task<Reply> MyTicketsAsync(IntakeState state, CancellationToken cancellationToken)
    {
        var mine = ticketing.ListMine(state.OperatorId, state.UserId);
        if (mine.Count == 0)
        {
            return new(await RenderAsync("MyTicketsNone", state, cancellationToken));
        }
        var list = TicketText.List(mine, state.Language);
        return new(await RenderAsync("MyTickets", state, cancellationToken, new() { ["list"] = list }));
    }

    private async Task<Reply> TicketStatusAsync(IntakeState state, string reference, CancellationToken cancellationToken)
    {
        var ticket = ticketing.FindMine(state.OperatorId, state.UserId, reference);
        if (ticket is null)
        {
            // Same answer for an unknown reference and for someone else's ticket: nothing leaks.
            return new(await RenderAsync("TicketNotFound", state, cancellationToken, new() { ["reference"] = PlainText.OneLine(reference) }));
        }
        return new(await RenderAsync("TicketStatus", state, cancellationToken, TicketText.StatusValues(ticket, state.Language)));
    }

    private async Task<Reply> AddToTicketAsync(IntakeState state, string reference, UserMessage message, CancellationToken cancellationToken)
    {
        var ticket = ticketing.FindMine(state.OperatorId, state.UserId, reference);
        if (ticket is null)
        {
            return new(await RenderAsync("TicketNotFound", state, cancellationToken, new() { ["reference"] = PlainText.OneLine(reference) }));
        }
        ticketing.AddFromRequester(ticket, state, message.Text, message.Attachments);
        var count = message.Attachments.Count;
        var files = count == 0 ? "" : state.Language == LanguageDetector.English
            ? $" with {count} file{(count > 1 ? "s" : "")}"
            : $" avec {count} fichier{(count > 1 ? "s" : "")}";
        return new(await RenderAsync("TicketInfoAdded", state, cancellationToken, new() { ["reference"] = ticket.Reference, ["files"] = files }));
    }

    private void Triage(TicketDraft draft)
    {
        var triage = analyzer.Triage(draft.Description!);
        draft.Priority = triage.Priority;
        draft.PriorityDecidedBy = triage.PriorityDecidedBy;
        if (!draft.CategoryConfirmed && triage.CategoryConfidence >= 0.5f)
        {
            draft.Category = triage.Category;
        }
        if (!draft.ProductConfirmed && triage.ProductConfidence >= 0.6f)
        {
            draft.Product = triage.Product;
        }
    }

    private void PrefillContact(IntakeState state)
    {
        if (ticketing.LatestContact(state.OperatorId, state.UserId) is { } known)
        {
            state.Draft.Name ??= known.Name;
            state.Draft.Email ??= known.Email;
            state.Draft.Phone ??= known.Phone;
            state.Draft.CustomerNumber ??= known.CustomerNumber;
            state.Draft.NotCustomer = state.Draft.CustomerNumber is null && known.NotCustomer;
            state.Draft.PhoneSkipped = state.Draft.Phone is null && known.PhoneSkipped;
        }
    }

    private static void Reset(IntakeState state)
    {
        state.Stage = IntakeStage.Idle;
        state.PendingSlot = null;
        state.Draft = new TicketDraft();
        state.Misunderstood = 0;
        state.LinkedReportAwaitingEmail = null;
    }

    private OperatorProfile Operator(IntakeState state) =>
        operators.Find(state.OperatorId) ?? throw new InvalidOperationException($"Unknown operator '{state.OperatorId}'.");

    private Task<string> RenderAsync(string key, IntakeState state, CancellationToken cancellationToken, Dictionary<string, string?>? values = null)
    {
        values ??= [];
        values.TryAdd("operator", PlainText.OneLine(Operator(state).Name));
        return replies.RenderAsync(key, state.Language, values, cancellationToken);
    }
}

/// <summary>A user message as the dialog needs it: text, uploaded files, the moderation's quarantine decision, and whether it asks for a person.</summary>
/// <param name="OffTopic">Moderation read it as off-topic: whatever else it fills in, it never becomes the problem's description.</param>
public sealed record UserMessage(string Text, IReadOnlyList<DraftAttachment> Attachments, bool Quarantine, bool AsksForPerson = false, bool OffTopic = false);
