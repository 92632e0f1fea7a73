using System.Text.Json.Nodes;

namespace Assistant.Bot.Tests.Channel;

/// <summary>
/// What the bot says when a conversation opens: a greeting, then the terms of use to accept (a prompt waiting
/// for the <c>consent</c> slot). The only place channel tests look at the bot's wording.
/// </summary>
public static class BotReplies
{
    /// <summary>Messages the bot sends when a new visitor opens a conversation.</summary>
    public const int OpeningCount = 2;

    /// <summary>The last message of the opening: the consent prompt.</summary>
    public static bool IsOpening(JsonObject activity) =>
        IsFromBot(activity) && (string?)activity["channelData"]?["slot"] == "consent";

    public static bool IsGreeting(JsonObject activity) =>
        IsFromBot(activity) && ((string?)activity["text"])?.Contains("Bonjour", StringComparison.Ordinal) == true;

    public static bool IsReplyTo(JsonObject activity, string activityId) =>
        IsFromBot(activity) && (string?)activity["replyToId"] == activityId && (string?)activity["type"] == "message";

    public static bool IsFromBot(JsonObject activity) => (string?)activity["from"]?["role"] == "bot";
}
