using System.Globalization;
using System.Text.Json.Nodes;
using Assistant.Bot.Channel.Activities;
using Assistant.Bot.Intake;
using Assistant.Bot.SemanticKernel;
using Assistant.Bot.Turns;
using Assistant.Ticketing.Operators;

namespace Assistant.Bot.Handoff;

/// <summary>
/// What the user and the consoles are told about a handoff: bot messages in the user's language (reply
/// templates under prompts/Replies/Handoff*), handoff events into the conversation log, and the same on the agents' feed.
/// </summary>
public sealed class HandoffNotices(
    IConversationSender sender,
    ReplyTemplates replies,
    IOperatorCatalog operators,
    IntakeStateStore states,
    AgentFeed feed)
{
    /// <summary>The language of the conversation as the dialog last saw it.</summary>
    public string LanguageOf(HandoffRecord record) => states.Find(record.Id)?.Language ?? record.Language;

    public async Task<string> RenderAsync(string key, string operatorId, string language, Dictionary<string, string?>? values = null, CancellationToken cancellationToken = default)
    {
        values ??= [];
        values.TryAdd("operator", PlainText.OneLine(operators.Find(operatorId)?.Name ?? operatorId));
        return await replies.RenderAsync(key, language, values, cancellationToken);
    }

    /// <summary>A bot message to the user, also shown live in the consoles.</summary>
    public async Task<Activity> TellUserAsync(HandoffRecord record, string text, CancellationToken cancellationToken)
    {
        var message = BotMessage.Plain(text, LanguageOf(record));
        message.InputHint = InputHints.AcceptingInput;
        var sent = await sender.SendAsync(record.Id, message, cancellationToken);
        PublishActivity(record, sent, null);
        return sent;
    }

    /// <summary>Any activity into the conversation (events, agent messages), shown live in the consoles.</summary>
    public async Task<Activity> SendAsync(HandoffRecord record, Activity activity, CancellationToken cancellationToken)
    {
        var sent = await sender.SendAsync(record.Id, activity, cancellationToken);
        PublishActivity(record, sent, null);
        return sent;
    }

    /// <summary>The agent is typing: pushed to the user's open WebChat only, never stored.</summary>
    public Task TypingAsync(HandoffRecord record, ChannelAccount from, CancellationToken cancellationToken) =>
        sender.SendTypingAsync(record.Id, from, cancellationToken);

    public void PublishActivity(HandoffRecord record, Activity activity, ModerationFlag? flag)
    {
        var data = new JsonObject
        {
            ["conversationId"] = record.Id,
            ["activity"] = HandoffActivities.ToJson(activity),
            ["moderation"] = flag is null ? null : new JsonObject { ["label"] = flag.Label, ["action"] = flag.Action, ["score"] = flag.Score },
        };
        feed.Publish(record.OperatorId, new FeedEvent("activity", data.ToJsonString()));
    }

    public void PublishHandoff(HandoffResponse handoff) =>
        feed.Publish(handoff.OperatorId, new FeedEvent("handoff", System.Text.Json.JsonSerializer.Serialize(handoff, HandoffResponse.JsonOptions)));

    /// <summary>"about 5 minutes" from the recent handoffs, or an honest "cannot estimate yet".</summary>
    public static string EstimateText(WaitEstimate estimate, string language)
    {
        var english = language == LanguageDetector.English;
        if (estimate.Typical is not { } typical)
        {
            return english
                ? "there is no recent history to estimate the wait yet."
                : "faute d'historique récent, nous ne pouvons pas encore estimer l'attente.";
        }

        var minutes = Math.Max(1, (int)Math.Ceiling(typical.TotalMinutes));
        return english
            ? $"judging by the latest handoffs, the wait is about {minutes} minute{(minutes > 1 ? "s" : "")}."
            : $"d'après les dernières prises en charge, l'attente est d'environ {minutes} minute{(minutes > 1 ? "s" : "")}.";
    }

    /// <summary>A date and time in the operator's time zone, e.g. "lundi 24 novembre à 09:00".</summary>
    public string LocalTime(string operatorId, DateTimeOffset utc, string language)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(operators.Find(operatorId)?.TimeZone ?? "Europe/Paris");
        var local = TimeZoneInfo.ConvertTime(utc, zone);
        return language == LanguageDetector.English
            ? local.ToString("dddd d MMMM 'at' HH:mm", CultureInfo.GetCultureInfo("en-GB"))
            : local.ToString("dddd d MMMM 'à' HH:mm", CultureInfo.GetCultureInfo("fr-FR"));
    }
}
