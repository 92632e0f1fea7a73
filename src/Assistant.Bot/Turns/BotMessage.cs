using Assistant.Bot.Channel.Activities;
using Assistant.Bot.Intake;

namespace Assistant.Bot.Turns;

/// <summary>The one shape of a text message to the user: plain text in the conversation's language.</summary>
public static class BotMessage
{
    public static string Locale(string language) => language == LanguageDetector.English ? "en-US" : "fr-FR";

    public static Activity Plain(string text, string language) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        TextFormat = "plain",
        Locale = Locale(language),
    };
}
