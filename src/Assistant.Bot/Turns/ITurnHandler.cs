namespace Assistant.Bot.Turns;

/// <summary>
/// The bot side of the channel. The channel calls it once per stored incoming activity, in order per
/// conversation, after the user's HTTP POST has already returned.
/// </summary>
public interface ITurnHandler
{
    Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken);
}
