using System.Text.Json;
using System.Text.Json.Nodes;
using Assistant.Bot.Admin.Audit;
using Assistant.Bot.BotFramework;
using Assistant.Bot.Channel.Storage;
using Assistant.Bot.Intake;
using Assistant.Bot.Moderation;
using Assistant.Moderation.Sanctions;
using Assistant.Ticketing.Consents;
using Assistant.Ticketing.Mail;
using Assistant.Ticketing.Tickets;

namespace Assistant.Bot.Admin.Users;

/// <param name="Channel">For a conversation from a Bot Framework channel (Teams…), what is kept to write to it: the channel's ids and the user's name there.</param>
public sealed record ConversationExport(string Id, string OperatorId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<JsonNode?> Activities, IReadOnlyList<AttachmentRecord> Attachments, ChannelReference? Channel = null);

/// <summary>Everything stored about one visitor, as one JSON document.</summary>
public sealed record UserDataExport(
    string UserId,
    DateTimeOffset ExportedAt,
    IReadOnlyList<ConversationExport> Conversations,
    IReadOnlyList<IntakeState> Dialogs,
    IReadOnlyList<ContactProfile> Contacts,
    IReadOnlyList<ConsentRecord> Consents,
    IReadOnlyList<Ticket> Tickets,
    IReadOnlyList<SanctionDecision> Sanctions,
    IReadOnlyList<AuditEntryResponse> ModerationDecisions,
    IReadOnlyList<RelabelResponse> Relabels);

/// <summary>How many records an erasure removed or anonymised, per store.</summary>
public sealed record UserErasure(string UserId, int Conversations, int Activities, int Attachments, int DialogDocuments, int Consents, int TicketsAnonymized, int SanctionTextsRedacted, int AuditEntries, int Relabels, int Mails = 0, int SelfServiceOutcomes = 0);

/// <summary>
/// The data requests of the CGU (Digisense 7, ICOSNET 6): export everything stored about a visitor, or erase it.
/// Erasure deletes conversations (with their Bot Framework channel references), uploads, dialog state, contacts, consents, relabelled messages, self-service outcomes and the addresses in the mail outbox; tickets stay for the operator
/// without the requester's identity; sanction decisions stay (an erasure does not lift a ban) without the messages.
/// </summary>
public sealed class UserData(
    ConversationDatabase conversations,
    ConversationStore log,
    IntakeStateStore dialogs,
    IConsentStore consents,
    ITicketService tickets,
    ISanctionService sanctions,
    AdminDatabase admin,
    DeferredAuditEntries deferredAudit,
    IMailOutbox outbox,
    IMailAddressBook mailAddresses,
    SelfService.SelfServiceLog selfService,
    ChannelReferences channels,
    TimeProvider time)
{
    public UserDataExport Export(string userId)
    {
        conversations.Settle(); // the queries below read the files
        deferredAudit.Settle();
        var (states, contacts) = dialogs.ForUser(userId);
        return new UserDataExport(
            userId,
            time.GetUtcNow(),
            ConversationsOf(userId).Select(c => new ConversationExport(
                c.Id,
                c.OperatorId,
                Utc(c.CreatedAt),
                Utc(c.UpdatedAt),
                log.ReadAll(c.Id).Select(a => JsonNode.Parse(a.Json)).ToList(),
                conversations.Attachments.Find(a => a.ConversationId == c.Id).ToList(),
                channels.Find(c.Id))).ToList(),
            states,
            contacts,
            consents.ListByUser(userId),
            tickets.Query(new TicketQuery(RequesterUserId: userId)),
            sanctions.History(userId),
            admin.Audit.Find(e => e.Target == userId && e.Moderation != null).Select(AuditEntryResponse.From).ToList(),
            admin.Relabels.Find(r => r.UserId == userId).Select(RelabelResponse.From).ToList());
    }

    public UserErasure Erase(string userId, Actor actor)
    {
        conversations.Settle(); // the queries below read the files, and nothing of the user stays in the journal
        deferredAudit.Settle();
        var owned = ConversationsOf(userId);
        var (activities, attachments) = (0, 0);
        foreach (var conversation in owned)
        {
            var (a, f) = DeleteConversation(conversation.Id);
            activities += a;
            attachments += f;
        }

        return new UserErasure(
            userId,
            owned.Count,
            activities,
            attachments,
            dialogs.ForgetUser(userId),
            consents.DeleteByUser(userId),
            tickets.AnonymizeRequester(userId, actor),
            sanctions.RedactTexts(userId),
            admin.Audit.DeleteMany(e => e.Target == userId && e.Moderation != null),
            admin.Relabels.DeleteMany(r => r.UserId == userId),
            outbox.EraseUser(userId) + mailAddresses.EraseUser(userId),
            selfService.ForgetUser(userId));
    }

    /// <summary>
    /// Retention: deletes the conversations not updated since <paramref name="before"/> (transcripts, uploads, dialog
    /// state). Tickets, consents and sanctions are kept: they have their own reasons to exist.
    /// </summary>
    public (int Conversations, int Activities, int Attachments) PurgeConversations(DateTimeOffset before)
    {
        var cutoff = before.UtcDateTime;
        conversations.Settle();
        var old = conversations.Conversations.Find(c => c.UpdatedAt < cutoff).Select(c => c.Id).ToList();
        var (activities, attachments) = (0, 0);
        foreach (var id in old)
        {
            var (a, f) = DeleteConversation(id);
            dialogs.Forget(id);
            activities += a;
            attachments += f;
        }

        return (old.Count, activities, attachments);
    }

    private (int Activities, int Attachments) DeleteConversation(string conversationId)
    {
        var activities = log.Delete(conversationId);
        var attachments = conversations.Attachments.Find(a => a.ConversationId == conversationId).ToList();
        foreach (var attachment in attachments)
        {
            File.Delete(Path.Combine(conversations.DataDirectory, "attachments", attachment.Id));
            conversations.Attachments.Delete(attachment.Id);
        }

        channels.Delete(conversationId);
        return (activities, attachments.Count);
    }

    private List<ConversationRecord> ConversationsOf(string userId) => conversations.Conversations.Find(c => c.UserId == userId).ToList();

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    /// <summary>The export as it is served: indented, web names.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
