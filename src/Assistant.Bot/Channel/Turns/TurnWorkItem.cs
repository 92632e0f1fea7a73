using Assistant.Bot.Channel.Activities;

namespace Assistant.Bot.Channel.Turns;

/// <summary>A stored incoming activity waiting for the bot.</summary>
public sealed record TurnWorkItem(string ConversationId, string OperatorId, Activity Activity);
