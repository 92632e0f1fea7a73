using Assistant.Bot.Channel.Activities;
using Assistant.Ticketing.Operators;

namespace Assistant.Bot.Turns;

/// <summary>Stands in for the real bot until it is registered: greets at start and says the assistant is being set up.</summary>
public sealed class PlaceholderTurnHandler(IOperatorCatalog operators) : ITurnHandler
{
    public async Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var operatorName = operators.Find(turn.OperatorId)?.Name ?? turn.OperatorId;
        var english = turn.Activity.Locale?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true;
        string? text = turn.Activity.Type switch
        {
            ActivityTypes.ConversationUpdate => english
                ? $"Hello, I am the {operatorName} support assistant. How can I help you?"
                : $"Bonjour, je suis l'assistant du support {operatorName}. Comment puis-je vous aider ?",
            ActivityTypes.Message => english
                ? "Thank you. The assistant is being set up; a full answer will come soon."
                : "Merci. L'assistant est en cours de mise en place ; une réponse complète arrivera bientôt.",
            _ => null,
        };
        if (text is not null)
        {
            await turn.SendAsync(new Activity { Type = ActivityTypes.Message, Text = text, TextFormat = "plain" }, cancellationToken);
        }
    }
}
