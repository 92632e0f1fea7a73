using Assistant.Bot.Turns;

namespace Assistant.Bot.Tests.Channel;

public sealed class TurnWorkerTests
{
    [Fact]
    public async Task A_failing_turn_gets_an_apology_and_the_next_turn_still_runsAsync()
    {
        using var factory = new ChannelAppFactory(ChannelAppFactory.NewDataDirectory(), handler: new FailsOnceHandler());
        var client = new DirectLineTestClient(factory.CreateClient());
        var (conversationId, token, _, _) = await client.StartAsync();

        var failed = await client.PostMessageAsync(conversationId, token, "boum");
        var apology = await client.WaitForActivityAsync(conversationId, token, a => BotReplies.IsReplyTo(a, failed));
        Assert.StartsWith("Désolé", (string?)apology["text"], StringComparison.Ordinal);

        var next = await client.PostMessageAsync(conversationId, token, "encore");
        var reply = await client.WaitForActivityAsync(conversationId, token, a => BotReplies.IsReplyTo(a, next));
        Assert.Equal("ok: encore", (string?)reply["text"]);
    }

    /// <summary>Throws on the first message, then echoes; conversation updates are ignored.</summary>
    private sealed class FailsOnceHandler : ITurnHandler
    {
        private int _messages;

        public async Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
        {
            if (turn.Activity.Type != "message")
            {
                return;
            }

            if (Interlocked.Increment(ref _messages) == 1)
            {
                throw new InvalidOperationException("boom");
            }

            turn.Send(new Bot.Channel.Activities.Activity { Type = "message", Text = "ok: " + turn.Activity.Text });
            await Task.CompletedTask;
        }
    }
}
