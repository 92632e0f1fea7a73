using Assistant.Bot.Channel.Storage;
using Assistant.Bot.Storage;
using Assistant.Ticketing.Storage;
using LiteDB;

namespace Assistant.Bot.Intake;

/// <summary>
/// Dialog state per conversation, in <c>conversations.db</c> beside the log, so a turn saves it in the same commit as its
/// replies (see <c>TurnContext.SaveState</c>); the contact details remembered per user stay in <c>assistant.db</c>.
/// </summary>
public sealed class IntakeStateStore
{
    private readonly ILiteCollection<IntakeState> _states;
    private readonly ILiteCollection<ContactProfile> _contacts;

    private readonly CommitQueue _commits;
    private readonly ConversationDatabase _conversations;

    public IntakeStateStore(ConversationDatabase conversations, BotDatabase database)
    {
        _commits = database.Commits;
        _conversations = conversations;
        _states = conversations.Dialogs;
        _contacts = database.Database.GetCollection<ContactProfile>("contacts");
        MoveDialogsFrom(database.Database);
    }

    /// <summary>
    /// Dialog states used to live in assistant.db: they are moved here at the first start after the change. Idempotent:
    /// a start cut off in the middle moves the rest next time, never overwriting a state already saved here.
    /// </summary>
    private void MoveDialogsFrom(LiteDatabase old)
    {
        if (!old.CollectionExists("dialogs"))
        {
            return;
        }

        var previous = old.GetCollection<IntakeState>("dialogs");
        foreach (var state in previous.FindAll())
        {
            if (_states.FindById(state.Id) is null)
            {
                _states.Insert(state);
            }
        }

        old.DropCollection("dialogs");
    }

    /// <summary>The conversation's state as last committed, a new object on every call (see <see cref="SavedDialogs"/>).</summary>
    public IntakeState? Find(string conversationId)
    {
        var saved = _conversations.SavedDialogs;
        if (!saved.TryGet(conversationId, out var document))
        {
            // A state still in the journal is newer than the file's.
            document = _conversations.Journal.Pending.Dialog(conversationId)
                ?? _conversations.Dialogs.Query().Where("_id = @0", conversationId).ToDocuments().FirstOrDefault();
            if (document is null)
            {
                return null;
            }
            saved.Read(conversationId, document);
        }

        return _conversations.Mapper.ToObject<IntakeState>(document);
    }

    /// <summary>The contact details this user gave with their last ticket on this operator, so a returning user is not asked again.</summary>
    public ContactProfile? LatestContact(string operatorId, string userId) => _contacts.FindById($"{operatorId}|{userId}");

    /// <summary>Every dialog state and remembered contact of a user (data export).</summary>
    public (IReadOnlyList<IntakeState> Dialogs, IReadOnlyList<ContactProfile> Contacts) ForUser(string userId) =>
        (_states.Find(s => s.UserId == userId).ToList(), _contacts.FindAll().Where(c => c.Id.EndsWith("|" + userId, StringComparison.Ordinal)).ToList());

    /// <summary>Deletes one conversation's dialog state (retention); false when there was none.</summary>
    public bool Forget(string conversationId)
    {
        _conversations.SavedDialogs.Forget(conversationId);
        return _states.Delete(conversationId);
    }

    /// <summary>Erases a user's dialog states and remembered contacts; returns how many documents.</summary>
    public int ForgetUser(string userId)
    {
        var contacts = ForUser(userId).Contacts;
        foreach (var contact in contacts)
        {
            _contacts.Delete(contact.Id);
        }

        var deleted = _states.DeleteMany(s => s.UserId == userId);
        _conversations.SavedDialogs.Clear(); // which of them were the user's is not known here: all are read again
        return deleted + contacts.Count;
    }

    /// <summary>In the next group commit of assistant.db.</summary>
    public Task RememberContactAsync(string operatorId, string userId, TicketDraft draft)
    {
        var contact = Contact(operatorId, userId, draft);
        return _commits.WriteAsync(_ => _contacts.Upsert(contact));
    }

    private static ContactProfile Contact(string operatorId, string userId, TicketDraft draft) => new()
    {
        Id = $"{operatorId}|{userId}",
        Name = draft.Name,
        Email = draft.Email,
        Phone = draft.Phone,
        PhoneSkipped = draft.PhoneSkipped,
        CustomerNumber = draft.CustomerNumber,
        NotCustomer = draft.NotCustomer,
    };
}

public sealed class ContactProfile
{
    /// <summary><c>operatorId|userId</c>.</summary>
    public string Id { get; set; } = "";
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public bool PhoneSkipped { get; set; }
    public string? CustomerNumber { get; set; }
    public bool NotCustomer { get; set; }
}
