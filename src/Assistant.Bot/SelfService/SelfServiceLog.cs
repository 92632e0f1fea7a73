using Assistant.Bot.Storage;
using LiteDB;

namespace Assistant.Bot.SelfService;

/// <summary>The outcomes of the articles offered, in <c>assistant.db</c>, written in the turn's group commit.</summary>
public sealed class SelfServiceLog
{
    private readonly ILiteCollection<SelfServiceOutcome> _outcomes;
    private readonly Assistant.Ticketing.Storage.CommitQueue _commits;

    public SelfServiceLog(BotDatabase database)
    {
        _outcomes = database.Database.GetCollection<SelfServiceOutcome>("selfservice");
        _outcomes.EnsureIndex(o => o.OfferedAt);
        _outcomes.EnsureIndex(o => o.UserId);
        _commits = database.Commits;
    }

    public Task RecordAsync(SelfServiceOutcome outcome) => _commits.WriteAsync(_ => _outcomes.Upsert(outcome));

    public SelfServiceOutcome? Find(string id) => _outcomes.FindById(id);

    public IReadOnlyList<SelfServiceOutcome> Since(DateTimeOffset from) => _outcomes.Find(o => o.OfferedAt >= from).ToList();

    /// <summary>A user's erasure request removes their outcomes too.</summary>
    public int ForgetUser(string userId) => _outcomes.DeleteMany(o => o.UserId == userId);
}
