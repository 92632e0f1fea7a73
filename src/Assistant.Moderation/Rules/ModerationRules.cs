using System.Text.RegularExpressions;

namespace Assistant.Moderation.Rules;

/// <summary>
/// Explicit threats of violence are abusive whatever the model says: they are rare in training data, the
/// cost of missing one is high, and their wording is narrow enough for a rule to be precise.
/// </summary>
public static partial class ModerationRules
{
    public const string Threat = "rule:threat";

    /// <summary>The name of the rule that decides, or null when the model decides. Expects <c>TextNormalizer.ForMatching</c> text.</summary>
    public static string? Match(string matchingText) =>
        ThreatFrench().IsMatch(matchingText) || ThreatEnglish().IsMatch(matchingText) ? Threat : null;

    [GeneratedRegex(
        @"\b(je vais|j'vais|jvais|on va|je viendrai|on viendra|je vais venir|on vient|je peux)\b.{0,40}?\b(te|vous|t')\s*(tuer|buter|crever|egorger|planter|descendre|defoncer|fracasser|casser la (gueule|figure)|frapper|cogner|retrouver)\b"
        + @"|\b(je|on)\s+(sai[st]|connai[st])\s+ou\s+(tu\s+(habites|vis|travailles)|vous\s+(habitez|vivez|travaillez)|se\s+trouve\s+(votre|ton|ta)|est\s+(votre|ton|ta))"
        + @"|\b(tout|vous)\s+(casser|bruler|faire sauter)\b.{0,30}?\b(agence|bureaux?|locaux|boutique|magasin)\b"
        + @"|\b(agence|bureaux?|locaux|boutique|magasin)\b.{0,40}?\b(tout casser|tout bruler|faire sauter|mettre le feu)\b"
        + @"|\b(vous|tu)\s+(allez|vas)\s+(le\s+)?(payer|crever|mourir)\b.{0,20}?\b(physiquement|sang|balle|couteau)?"
        + @"|\b(menace[rs]? de mort|une balle dans|coup de couteau|vous egorger|te egorger|t'egorger)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex ThreatFrench();

    [GeneratedRegex(
        @"\b(i('m| am)? going to|i'?ll|i will|gonna|we('re| are) going to|we'?ll)\s+(kill|hurt|shoot|stab|beat|find)\s+(you|u)\b"
        + @"|\bi know where (you|u) (live|work)\b|\bburn (your|the) (office|store|shop) down\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex ThreatEnglish();
}
