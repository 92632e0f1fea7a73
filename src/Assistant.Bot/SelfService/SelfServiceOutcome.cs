namespace Assistant.Bot.SelfService;

/// <summary>
/// One time the assistant looked for help articles for a problem, and what came of it. Stored in <c>assistant.db</c>
/// (collection <c>selfservice</c>). "Assumed" is never stored: an offer still open after
/// <see cref="SelfServiceOptions.AssumedResolutionAfter"/> counts as assumed when the figures are read, so a user who
/// comes back later and says "non" turns it into "did not help".
/// </summary>
public sealed class SelfServiceOutcome
{
    public string Id { get; set; } = "";
    public string OperatorId { get; set; } = "";
    public string ConversationId { get; set; } = "";
    public string UserId { get; set; } = "";
    public string Language { get; set; } = "";
    /// <summary><see cref="SelfServiceDecisions.Answer"/>, <see cref="SelfServiceDecisions.Offer"/> or <see cref="SelfServiceDecisions.Nothing"/>.</summary>
    public string Decision { get; set; } = "";
    /// <summary>Article ids (<c>operator/slug</c>), best first.</summary>
    public List<string> Articles { get; set; } = [];
    public float Confidence { get; set; }
    /// <summary>The question's words, only when nothing was found (the admins' list of what the articles miss).</summary>
    public string? Question { get; set; }
    public DateTimeOffset OfferedAt { get; set; }
    public string Result { get; set; } = SelfServiceResults.Open;
    public DateTimeOffset? AnsweredAt { get; set; }
}

public static class SelfServiceDecisions
{
    public const string Answer = "answer";
    public const string Offer = "offer";
    /// <summary>Nothing close enough: the ticket went on.</summary>
    public const string Nothing = "nothing";
}

public static class SelfServiceResults
{
    /// <summary>No answer yet (assumed resolved once old enough).</summary>
    public const string Open = "open";
    public const string Confirmed = "confirmed";
    public const string NotHelped = "not-helped";
    /// <summary>Nothing was offered (decision <see cref="SelfServiceDecisions.Nothing"/>).</summary>
    public const string NotOffered = "not-offered";
}
