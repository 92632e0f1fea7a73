using Assistant.Bot.SelfService;
using Assistant.Bot.Storage;
using Assistant.Bot.Tests.Storage;
using Assistant.Ticketing.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Bot.Tests.SelfService;

/// <summary>
/// The outcomes are written a second at a time, not with each turn: the next turn still finds its outcome, the figures
/// and an erasure see every one recorded before them, and a stop leaves the last state of each in the file.
/// </summary>
public sealed class SelfServiceLogTests : IDisposable
{
    private readonly TempDataDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_recorded_outcome_is_found_at_once_counted_by_the_figures_erased_with_its_user_and_kept_by_a_stopAsync()
    {
        var options = _data.Options;
        var offeredAt = DateTimeOffset.UtcNow;
        using (var database = new BotDatabase(options, NullLogger<CommitQueue>.Instance))
        using (var log = new SelfServiceLog(database, NullLogger<SelfServiceLog>.Instance))
        {
            await log.RecordAsync(Outcome("o-1", "user-1", offeredAt));
            await log.RecordAsync(Outcome("o-2", "user-2", offeredAt));

            // The answer, one turn later, reads what the offer recorded and records it again.
            var offered = log.Find("o-1")!;
            offered.Result = SelfServiceResults.Confirmed;
            await log.RecordAsync(offered);

            Assert.Equal(["o-1", "o-2"], log.Since(offeredAt.AddMinutes(-1)).Select(o => o.Id).Order());
            Assert.Equal(1, log.ForgetUser("user-2"));
            await log.RecordAsync(Outcome("o-3", "user-3", offeredAt));
        }

        using (var database = new BotDatabase(options, NullLogger<CommitQueue>.Instance))
        using (var log = new SelfServiceLog(database, NullLogger<SelfServiceLog>.Instance))
        {
            Assert.Equal(["o-1", "o-3"], log.Since(offeredAt.AddMinutes(-1)).Select(o => o.Id).Order());
            Assert.Equal(SelfServiceResults.Confirmed, log.Find("o-1")!.Result);
            Assert.Null(log.Find("o-2"));
        }
    }

    private static SelfServiceOutcome Outcome(string id, string userId, DateTimeOffset offeredAt) => new()
    {
        Id = id,
        OperatorId = "digisense",
        ConversationId = "conv-" + id,
        UserId = userId,
        Language = "fr",
        Decision = SelfServiceDecisions.Offer,
        Articles = ["digisense/mot-de-passe"],
        OfferedAt = offeredAt,
    };
}
