using Assistant.Bot.Tests.Channel;

namespace Assistant.Bot.Tests.BotFramework;

/// <summary>
/// A parent bot calling the assistant as a skill, played by the real botbuilder SDK (tests/protocol/botframework-parent.js):
/// with <c>deliveryMode: expectReplies</c> the turn's replies come back in the HTTP response and never through the
/// Connector; an invoke the assistant does not implement is answered 501 saying which; normal delivery still goes
/// through the Connector. No app id is configured, so the endpoint takes loopback calls unauthenticated.
/// </summary>
[Trait("Category", "Protocol")]
public sealed class BotFrameworkParentBotTests : IDisposable
{
    private readonly ChannelAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task ExpectReplies_turns_answer_in_the_response_an_unknown_invoke_is_501_and_normal_delivery_uses_the_connectorAsync()
    {
        await using var parent = ChannelScript.Start("botframework-parent.js", _factory.StartKestrel());

        var greeted = await parent.NextStepAsync("greeted");
        Assert.Equal(200, (int)greeted["status"]!);
        Assert.Equal(BotReplies.OpeningCount, (int)greeted["count"]!);
        Assert.Equal("consent", (string?)greeted["slots"]!.AsArray().Last());
        Assert.True((bool)greeted["allReplyTo"]!, parent.Transcript);
        Assert.True((bool)greeted["allToUser"]!, parent.Transcript);

        // The consent given in an expectReplies turn is taken: the next question is not the consent again.
        var consented = await parent.NextStepAsync("consented");
        Assert.Equal(200, (int)consented["status"]!);
        Assert.True((int)consented["count"]! >= 1, parent.Transcript);
        Assert.NotEqual("consent", (string?)consented["slots"]!.AsArray().Last());
        Assert.True((bool)consented["allReplyTo"]!, parent.Transcript);

        var invoked = await parent.NextStepAsync("invoked");
        Assert.Equal(501, (int)invoked["status"]!);
        Assert.Contains("composeExtension/query", (string?)invoked["body"], StringComparison.Ordinal);

        var delivered = await parent.NextStepAsync("delivered");
        Assert.Equal(202, (int)delivered["status"]!);
        Assert.True((int)delivered["throughConnector"]! >= 1);
        Assert.Empty(delivered["others"]!.AsArray());
        Assert.Equal(0, await parent.WaitForExitAsync());
    }
}
