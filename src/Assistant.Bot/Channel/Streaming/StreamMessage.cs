namespace Assistant.Bot.Channel.Streaming;

/// <summary>
/// One frame for the open sockets of a conversation. <see cref="Watermark"/> is null for ephemeral items
/// (typing), which are never replayed and never move the client's watermark.
/// </summary>
public sealed record StreamMessage(long? Watermark, string ActivityJson);
