using System.Text.Json.Nodes;

namespace Assistant.Bot.Tests.Channel;

/// <summary>
/// What the placeholder bot says. The only place tests look at reply wording, so replacing the placeholder
/// with the real bot means changing these two predicates.
/// </summary>
public static class BotReplies
{
    public static bool IsGreeting(JsonObject activity) =>
        IsFromBot(activity) && ((string?)activity["text"])?.Contains("Bonjour", StringComparison.Ordinal) == true;

    public static bool IsReplyTo(JsonObject activity, string activityId) =>
        IsFromBot(activity) && (string?)activity["replyToId"] == activityId && (string?)activity["type"] == "message";

    public static bool IsFromBot(JsonObject activity) => (string?)activity["from"]?["role"] == "bot";
}
