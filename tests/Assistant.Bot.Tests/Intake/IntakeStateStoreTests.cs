using Assistant.Bot.Channel.Activities;
using Assistant.Bot.Channel.Storage;
using Assistant.Bot.Intake;
using Assistant.Bot.Storage;
using Assistant.Bot.Tests.Storage;
using Assistant.Ticketing.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Bot.Tests.Intake;

/// <summary>
/// The dialog state a turn reads is what the last turn committed, kept in memory: a new object each time, never a
/// state that was not committed, and gone once deleted. Checked against a reopened file too.
/// </summary>
public sealed class IntakeStateStoreTests : IDisposable
{
    private readonly TempDataDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_turn_reads_the_committed_state_and_never_its_own_uncommitted_changesAsync()
    {
        var options = _data.Options;
        using (var conversations = new ConversationDatabase(options, NullLoggerFactory.Instance))
        using (var bot = new BotDatabase(options, NullLogger<CommitQueue>.Instance))
        {
            var log = new ConversationStore(conversations, TimeProvider.System);
            var states = new IntakeStateStore(conversations, bot);
            Assert.True(await log.TryCreateAsync("conv-1", "user-1", "digisense", "fr-FR"));
            Assert.Null(states.Find("conv-1"));

            var state = new IntakeState { Id = "conv-1", OperatorId = "digisense", UserId = "user-1", PendingSlot = Slots.Email };
            state.Draft.Description = "Ma facture de mars est introuvable";
            await log.AppendAsync("conv-1", [Reply("Votre adresse e-mail ?")], state, _ => { });

            // A turn changes what it read, then fails before its commit: the next turn reads the committed state.
            var read = states.Find("conv-1")!;
            read.PendingSlot = Slots.Phone;
            read.Draft.Email = "jamais@exemple.fr";
            var again = states.Find("conv-1")!;
            Assert.NotSame(read, again);
            Assert.Equal(Slots.Email, again.PendingSlot);
            Assert.Null(again.Draft.Email);

            // A committed change is what the next turn reads.
            again.PendingSlot = Slots.Phone;
            await log.AppendAsync("conv-1", [Reply("Votre téléphone ?")], again, _ => { });
            Assert.Equal(Slots.Phone, states.Find("conv-1")!.PendingSlot);
            Assert.Equal("Ma facture de mars est introuvable", states.Find("conv-1")!.Draft.Description);
        }

        using (var conversations = new ConversationDatabase(options, NullLoggerFactory.Instance))
        using (var bot = new BotDatabase(options, NullLogger<CommitQueue>.Instance))
        {
            var states = new IntakeStateStore(conversations, bot);
            Assert.Equal(Slots.Phone, states.Find("conv-1")!.PendingSlot);
            Assert.True(states.Forget("conv-1"));
            Assert.Null(states.Find("conv-1"));
        }
    }

    private static Activity Reply(string text) => new() { Type = ActivityTypes.Message, Text = text };
}
