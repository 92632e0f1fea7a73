using Assistant.Ticketing.Consents;
using Assistant.Ticketing.Customers;
using Assistant.Ticketing.Operators;
using Assistant.Ticketing.Tickets;

namespace Assistant.Bot.Intake;

/// <summary>
/// What the dialog asks of the ticketing library: consent, customer verification, filing and finding the
/// user's own tickets. The one place where the dialog meets Ticketing's stores.
/// </summary>
public sealed class IntakeTicketing(
    ITicketService tickets,
    IConsentStore consents,
    ICustomerVerifier customers,
    IntakeStateStore states)
{
    /// <summary>Consent is per operator, user and CGU version: a new version of the terms is asked again.</summary>
    public bool HasConsent(OperatorProfile profile, string userId) =>
        consents.Latest(profile.Id, userId, profile.CguVersion) is { Accepted: true };

    public Task RecordConsentAsync(OperatorProfile profile, string userId, bool accepted) =>
        consents.RecordAsync(profile.Id, userId, profile.CguVersion, accepted);

    public CustomerVerification VerifyCustomer(OperatorProfile profile, string userId, string customerNumber, string email) =>
        customers.Verify(profile.Id, userId, customerNumber, email);

    public async Task<Ticket> CreateAsync(OperatorProfile profile, IntakeState state, TicketDraft draft)
    {
        var requester = new Requester
        {
            UserId = state.UserId,
            Name = draft.Name,
            Email = draft.Email,
            Phone = draft.Phone,
            CustomerNumber = draft.CustomerVerified ? draft.CustomerNumber : null,
        };
        var ticket = await tickets.CreateAsync(
            new NewTicket(
                profile.Id,
                TicketSummary.Title(draft.Description!, draft),
                WithArticles(TicketSummary.Description(draft.Description!, draft), draft),
                draft.Category ?? "question",
                draft.Product ?? "other",
                draft.Priority ?? "normal",
                draft.PriorityDecidedBy ?? "default",
                requester,
                state.Id,
                draft.ContractTier,
                draft.Quarantine),
            new Actor("requester", state.UserId, draft.Name));
        var remembering = states.RememberContactAsync(profile.Id, state.UserId, draft);
        foreach (var attachment in draft.Attachments)
        {
            ticket = tickets.AddAttachment(ticket.Reference,
                new TicketAttachment { Name = attachment.Name, ContentType = attachment.ContentType, Url = attachment.Url },
                new Actor("requester", state.UserId, draft.Name));
        }
        await remembering;
        return ticket;
    }

    /// <summary>The agent sees which help articles the assistant already gave and the requester said did not help.</summary>
    private static string WithArticles(string description, TicketDraft draft) => draft.ArticlesNotHelpful.Count == 0
        ? description
        : description + "\n\nArticle(s) d'aide proposé(s) par l'assistant, sans résoudre le problème :\n"
            + string.Join('\n', draft.ArticlesNotHelpful.Select(a => "- " + a));

    /// <summary>
    /// A short report linked to an ongoing incident: the user's description and whatever contact is known, no further
    /// questions. The team answers the incident once; its updates reach this conversation.
    /// </summary>
    public Task<Ticket> CreateLinkedAsync(OperatorProfile profile, IntakeState state, TicketDraft draft, string incidentReference)
    {
        var requester = new Requester
        {
            UserId = state.UserId,
            Name = draft.Name,
            Email = draft.Email,
            Phone = draft.Phone,
            CustomerNumber = draft.CustomerVerified ? draft.CustomerNumber : null,
        };
        return tickets.CreateAsync(
            new NewTicket(
                profile.Id,
                TicketSummary.Title(draft.Description!, draft),
                TicketSummary.Description(draft.Description!, draft),
                "incident",
                draft.Product ?? "other",
                draft.Priority ?? "normal",
                draft.PriorityDecidedBy ?? "default",
                requester,
                state.Id,
                draft.ContractTier,
                IncidentReference: incidentReference),
            new Actor("requester", state.UserId, draft.Name));
    }

    /// <summary>The e-mail a requester gives after their report was linked to an incident.</summary>
    public Ticket AddEmail(string reference, IntakeState state, string email) =>
        tickets.Update(reference, new TicketPatch(RequesterEmail: email), new Actor("requester", state.UserId));

    /// <summary>The requester reopens their report closed with its incident: the problem persists for them.</summary>
    public Ticket Reopen(Ticket ticket, IntakeState state) =>
        tickets.Update(ticket.Reference, new TicketPatch(Status: TicketStatuses.Open), new Actor("requester", state.UserId, ticket.Requester.Name));

    /// <summary>The requester adds information (and files) to their own ticket: a public comment in their name.</summary>
    public Ticket AddFromRequester(Ticket ticket, IntakeState state, string text, IReadOnlyList<DraftAttachment> attachments)
    {
        var actor = new Actor("requester", state.UserId, ticket.Requester.Name);
        var updated = tickets.AddComment(ticket.Reference, new NewComment(text, Internal: false), actor);
        foreach (var attachment in attachments)
        {
            updated = tickets.AddAttachment(ticket.Reference,
                new TicketAttachment { Name = attachment.Name, ContentType = attachment.ContentType, Url = attachment.Url }, actor);
        }
        return updated;
    }

    public IReadOnlyList<Ticket> ListMine(string operatorId, string userId) =>
        tickets.Query(new TicketQuery(OperatorId: operatorId, RequesterUserId: userId, Limit: 20));

    /// <summary>The ticket if it belongs to this user on this operator; null otherwise, whatever the reason.</summary>
    public Ticket? FindMine(string operatorId, string userId, string reference) =>
        tickets.Find(reference) is { } ticket && ticket.OperatorId == operatorId && ticket.Requester.UserId == userId ? ticket : null;

    public ContactProfile? LatestContact(string operatorId, string userId) => states.LatestContact(operatorId, userId);
}
