using System.Text.RegularExpressions;
using Assistant.Bot.Intake;

namespace Assistant.Bot.Turns;

/// <summary>
/// A short, well-formed answer to a contact question ("Marie Dupont", "06 12 34 56 78") is data, not prose:
/// the text models were trained on sentences and score such fragments at random, so for them only the
/// explicit moderation rules count.
/// </summary>
public static partial class ContactAnswers
{
    public static bool IsWellFormed(string? pendingSlot, string text, ExtractedEntities entities)
    {
        var trimmed = text.Trim();
        return pendingSlot switch
        {
            Slots.Email => entities.Email is not null && trimmed.Length <= 120,
            Slots.Phone => entities.Phone is not null && trimmed.Length <= 40,
            Slots.CustomerNumber => entities.CustomerNumber is not null && trimmed.Length <= 40,
            Slots.Name => NamePattern().IsMatch(trimmed),
            _ => false,
        };
    }

    /// <summary>
    /// A few words answering a question that offered choices (product, category, consent, confirmation, what to change):
    /// "c'est pour Ibox", "plutôt la facturation", "oui je confirme". Anything longer is prose and gets the full analysis.
    /// </summary>
    public static bool IsChoiceAnswer(string? pendingSlot, string text) =>
        pendingSlot is Slots.Product or Slots.Category or Slots.Consent or Slots.Confirmation
        && text.Length <= 60
        && ChoiceAnswerPattern().IsMatch(EntityExtractor.Fold(text).Trim());

    // Only the choices' words and filler around them, so "c'est pour Ibox" passes and "c'est pour Ibox, abruti" does not.
    [GeneratedRegex(@"^(?:(?:c'est|c est|cest|pour|plutot|sur|le|la|les|l'|un|une|de|du|des|mon|ma|mes|notre|nos|a|au|it's|it is|its|for|the|my|our|about|rather|a|an|probleme|souci|problem|issue|question|oui|non|yes|no|je|confirme|accepte|j'accepte|valide|ok|d'accord|merci|svp|please|thanks|v-?room|vroom|visio|ibox|i-box|espace client|client space|portail|portal|facture|factures|facturation|billing|invoice|paiement|payment|commande|order|acces|access|connexion|login|incident|panne|reclamation|complaint|autre|other|rien|nothing|aucun|none|accepter|refuser|confirmer|modifier|annuler|et valider|produit|service|categorie|type)(?:[\s,.!']+|$))+$")]
    private static partial Regex ChoiceAnswerPattern();

    // One to four words of letters, with hyphens or apostrophes inside (Jean-Pierre, N'Diaye), at most 60 characters.
    [GeneratedRegex(@"^(?=.{1,60}$)\p{L}[\p{L}'’\-\.]*(\s+\p{L}[\p{L}'’\-\.]*){0,3}$")]
    private static partial Regex NamePattern();
}
