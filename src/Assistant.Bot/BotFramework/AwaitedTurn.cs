namespace Assistant.Bot.BotFramework;

/// <summary>
/// A turn whose caller waits for its replies (<c>deliveryMode: expectReplies</c>): the bot's messages after
/// <paramref name="AfterWatermark"/> that reply to <paramref name="ReplyToId"/> are its replies once <paramref name="Ended"/> completes.
/// </summary>
public sealed record AwaitedTurn(string ConversationId, string ReplyToId, long AfterWatermark, Task Ended);
