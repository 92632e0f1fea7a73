using System.Text.Json;
using System.Text.Json.Nodes;
using Assistant.Bot.Channel.Activities;
using Assistant.Bot.Channel.Storage;

namespace Assistant.Bot.Handoff;

/// <summary>The Bot Framework handoff events (handoff.initiate, handoff.status) and the agent's sender account.</summary>
public static class HandoffActivities
{
    public const string InitiateName = "handoff.initiate";
    public const string StatusName = "handoff.status";
    public const string TranscriptContentType = "application/vnd.microsoft.activity.transcript";

    /// <summary>An agent writes as a bot-side participant with their own name, which WebChat shows above the bubble.</summary>
    public static ChannelAccount AgentAccount(string staffId, string displayName) =>
        new() { Id = $"agent:{staffId}", Name = displayName, Role = RoleTypes.Bot };

    /// <summary>
    /// handoff.initiate: the conversation so far as a Transcript attachment and the routing context as value,
    /// so a hub (or our console) knows why, how urgent, and what the bot already collected.
    /// </summary>
    public static Activity Initiate(JsonArray transcript, JsonObject routing, string? replyToId) => new()
    {
        Type = ActivityTypes.Event,
        Name = InitiateName,
        ReplyToId = replyToId,
        Value = routing,
        Attachments =
        [
            new Attachment
            {
                ContentType = TranscriptContentType,
                Name = "Transcript",
                Content = new JsonObject { ["activities"] = transcript },
            },
        ],
    };

    /// <param name="state"><c>accepted</c>, <c>failed</c> or <c>completed</c>.</param>
    public static Activity Status(string state, string? message, ChannelAccount? from) => new()
    {
        Type = ActivityTypes.Event,
        Name = StatusName,
        From = from,
        Value = new JsonObject { ["state"] = state, ["message"] = message },
    };

    /// <summary>Every stored activity of the conversation, oldest first, exactly as clients received them.</summary>
    public static JsonArray Transcript(ConversationStore store, string conversationId)
    {
        var activities = new JsonArray();
        long watermark = 0;
        while (true)
        {
            var page = store.ReadAfter(conversationId, watermark);
            foreach (var record in page)
            {
                activities.Add(JsonNode.Parse(record.Json));
            }

            if (page.Count < ConversationStore.PageSize)
            {
                return activities;
            }

            watermark = page[^1].Watermark;
        }
    }

    public static JsonNode? ToJson(Activity activity) => JsonSerializer.SerializeToNode(activity, ActivityJson.Options);
}
