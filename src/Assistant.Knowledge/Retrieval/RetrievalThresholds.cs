namespace Assistant.Knowledge.Retrieval;

/// <summary>
/// What the confidence (0..1) of the best article decides: from <see cref="Answer"/> the article is given as the answer;
/// from <see cref="Offer"/> up to three articles are offered; below, nothing is said and the ticket goes on. The defaults
/// were chosen by <c>Assistant.Knowledge.Cli tune</c> on the tuning half of the evaluation set (README, Self-service answers).
/// </summary>
public sealed record RetrievalThresholds(float Answer = RetrievalThresholds.DefaultAnswer, float Offer = RetrievalThresholds.DefaultOffer)
{
    public const float DefaultAnswer = 0.60f;
    public const float DefaultOffer = 0.35f;
    public const int MaxOffered = 3;
}
