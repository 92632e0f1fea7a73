using Assistant.Bot.Storage;
using LiteDB;

namespace Assistant.Bot.Intake;

/// <summary>Dialog state per conversation, in <c>assistant.db</c>.</summary>
public sealed class IntakeStateStore(BotDatabase database)
{
    private readonly ILiteCollection<IntakeState> _states = database.Database.GetCollection<IntakeState>("dialogs");

    public IntakeState? Find(string conversationId) => _states.FindById(conversationId);

    public void Save(IntakeState state) => _states.Upsert(state);

    private readonly ILiteCollection<ConsentEntry> _consents = database.Database.GetCollection<ConsentEntry>("consents");

    public ConsentEntry? Consent(string operatorId, string userId, string cguVersion) =>
        _consents.FindById($"{operatorId}|{userId}|{cguVersion}");

    public void RecordConsent(string operatorId, string userId, string cguVersion, bool accepted, DateTimeOffset at) =>
        _consents.Upsert(new ConsentEntry { Id = $"{operatorId}|{userId}|{cguVersion}", Accepted = accepted, At = at });

    /// <summary>The most recent contact details this user gave on any conversation of this operator.</summary>
    public TicketDraft? LatestContact(string operatorId, string userId) =>
        _states.Find(s => s.UserId == userId && s.OperatorId == operatorId)
            .OrderByDescending(s => s.UpdatedAt)
            .Select(s => s.Draft)
            .FirstOrDefault(d => d.Email is not null || d.Name is not null);
}

public sealed class ConsentEntry
{
    public string Id { get; set; } = "";
    public bool Accepted { get; set; }
    public DateTimeOffset At { get; set; }
}
