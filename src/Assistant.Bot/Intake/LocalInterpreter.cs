using System.Text.RegularExpressions;

namespace Assistant.Bot.Intake;

/// <summary>The default interpreter: regular entities, command phrases and keyword categories; no network.</summary>
public sealed partial class LocalInterpreter : IIntakeInterpreter
{
    public const string Name = "local";

    public Task<Interpretation> InterpretAsync(string text, IntakeState state, CancellationToken cancellationToken) =>
        Task.FromResult(Interpret(text));

    public static Interpretation Interpret(string text)
    {
        var entities = EntityExtractor.Extract(text);
        var folded = EntityExtractor.Fold(text);
        return new Interpretation(
            Commands.Detect(text, entities),
            entities,
            FindCategory(folded),
            entities.Product ?? (OtherProductPattern().IsMatch(folded) ? "other" : null),
            CorrectionPattern().IsMatch(folded),
            Name);
    }

    /// <summary>A category named outright ("c'est une question de facturation"); triage guesses the rest.</summary>
    public static string? FindCategory(string folded)
    {
        if (BillingPattern().IsMatch(folded))
        {
            return "billing";
        }
        if (ComplaintPattern().IsMatch(folded))
        {
            return "complaint";
        }
        if (OrderPattern().IsMatch(folded))
        {
            return "order";
        }
        if (AccessPattern().IsMatch(folded))
        {
            return "access";
        }
        if (IncidentPattern().IsMatch(folded))
        {
            return "incident";
        }
        return QuestionPattern().IsMatch(folded) ? "question" : null;
    }

    [GeneratedRegex(@"^(?:non|no|nope|en fait|plutot|pardon|erreur|actually|sorry|i meant|je voulais dire)\b")]
    private static partial Regex CorrectionPattern();

    [GeneratedRegex(@"^(?:autre|autre chose|other|something else|aucun|none of these)$")]
    private static partial Regex OtherProductPattern();

    [GeneratedRegex(@"^(?:facturation|factures?|billing|invoices?|paiements?|payments?)$|\b(?:de|une?|pour la|la) facturation\b|\bbilling (?:issue|question|problem)\b")]
    private static partial Regex BillingPattern();

    [GeneratedRegex(@"^(?:reclamation|complaint)$|\b(?:une|ma|faire une|deposer une) reclamation\b|\b(?:a|my|file a) complaint\b")]
    private static partial Regex ComplaintPattern();

    [GeneratedRegex(@"^(?:commandes?|orders?)$|\b(?:ma|une|la) commande\b|\b(?:my|an) order\b")]
    private static partial Regex OrderPattern();

    [GeneratedRegex(@"^(?:acces|access|connexion|login)$|\b(?:probleme|souci) (?:d'acces|de connexion)\b|\b(?:access|login) (?:issue|problem)\b")]
    private static partial Regex AccessPattern();

    [GeneratedRegex(@"^(?:incident|panne|bug|outage)$|\b(?:un|c'est un) incident\b|\bune panne\b")]
    private static partial Regex IncidentPattern();

    [GeneratedRegex(@"^(?:question|information|renseignement)$|\b(?:une simple|juste une) question\b|\bjust a question\b")]
    private static partial Regex QuestionPattern();
}
