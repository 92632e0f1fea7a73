using Assistant.Bot.Storage;
using LiteDB;

namespace Assistant.Bot.Intake;

/// <summary>Dialog state per conversation, in <c>assistant.db</c>.</summary>
public sealed class IntakeStateStore(BotDatabase database)
{
    private readonly ILiteCollection<IntakeState> _states = database.Database.GetCollection<IntakeState>("dialogs");

    public IntakeState? Find(string conversationId) => _states.FindById(conversationId);

    public void Save(IntakeState state) => _states.Upsert(state);

    private readonly ILiteCollection<ContactProfile> _contacts = database.Database.GetCollection<ContactProfile>("contacts");

    /// <summary>The contact details this user gave with their last ticket on this operator, so a returning user is not asked again.</summary>
    public ContactProfile? LatestContact(string operatorId, string userId) => _contacts.FindById($"{operatorId}|{userId}");

    /// <summary>Every dialog state and remembered contact of a user (data export).</summary>
    public (IReadOnlyList<IntakeState> Dialogs, IReadOnlyList<ContactProfile> Contacts) ForUser(string userId) =>
        (_states.Find(s => s.UserId == userId).ToList(), _contacts.FindAll().Where(c => c.Id.EndsWith("|" + userId, StringComparison.Ordinal)).ToList());

    /// <summary>Deletes one conversation's dialog state (retention); false when there was none.</summary>
    public bool Forget(string conversationId) => _states.Delete(conversationId);

    /// <summary>Erases a user's dialog states and remembered contacts; returns how many documents.</summary>
    public int ForgetUser(string userId)
    {
        var contacts = ForUser(userId).Contacts;
        foreach (var contact in contacts)
        {
            _contacts.Delete(contact.Id);
        }

        return _states.DeleteMany(s => s.UserId == userId) + contacts.Count;
    }

    public void RememberContact(string operatorId, string userId, TicketDraft draft) => _contacts.Upsert(new ContactProfile
    {
        Id = $"{operatorId}|{userId}",
        Name = draft.Name,
        Email = draft.Email,
        Phone = draft.Phone,
        PhoneSkipped = draft.PhoneSkipped,
        CustomerNumber = draft.CustomerNumber,
        NotCustomer = draft.NotCustomer,
    });
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
