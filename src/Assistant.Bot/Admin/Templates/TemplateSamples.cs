using System.Text.RegularExpressions;

namespace Assistant.Bot.Admin.Templates;

/// <summary>The values of a sample turn, for previewing a template before it is saved.</summary>
public static partial class TemplateSamples
{
    public static Dictionary<string, string?> Values(string operatorName) => new(StringComparer.Ordinal)
    {
        ["operator"] = operatorName,
        ["reference"] = "DGS-2026-000123",
        ["title"] = "Ibox : synchronisation bloquée",
        ["summary"] = "- **Produit** : Ibox\n- **Catégorie** : incident\n- **Description** : la synchronisation est bloquée depuis ce matin",
        ["status"] = "open",
        ["priority"] = "high",
        ["tier"] = "standard",
        ["createdAt"] = "lundi 23 novembre 2026 09:30",
        ["firstResponse"] = "lundi 23 novembre 2026 13:30",
        ["resolution"] = "mardi 24 novembre 2026 17:30",
        ["lastComment"] = "Nous analysons le problème.",
        ["list"] = "- DGS-2026-000123 : Ibox : synchronisation bloquée (open)",
        ["next"] = "Un agent vous répondra dans ce chat.",
        ["until"] = "mardi 24 novembre 2026 09:30",
        ["cguVersion"] = "2024-01",
        ["cguUrl"] = "https://example.com/cgu",
        // The e-mail templates' own values.
        ["agent"] = "Julie Martin",
        ["comment"] = "Pouvez-vous réessayer le partage depuis l'application web ?",
        ["update"] = "Cause trouvée, correctif en cours de déploiement.",
        // One sample "link" serves both: the mails' link back to the chat and a help article's address.
        ["unsubscribe"] = "https://support.example.com/mail/unsubscribe?t=exemple",
        // The self-service answers' values.
        ["extract"] = "1. Ouvrez la page de connexion.\n2. Cliquez sur « oublié ».",
        ["link"] = "https://apps.icosnet.com/aide/mot-de-passe-oublie",
        ["answer"] = "Cliquez sur « oublié » sur la page de connexion, puis suivez le lien reçu par e-mail.",
        ["sources"] = "- Mot de passe oublié : https://apps.icosnet.com/aide/mot-de-passe-oublie",
        ["articles"] = "- Mot de passe oublié : https://apps.icosnet.com/aide/mot-de-passe-oublie",
    };

    /// <summary>The <c>{{$name}}</c> variables a template uses, in order of first use.</summary>
    public static IReadOnlyList<string> VariablesOf(string text) =>
        Variable().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();

    [GeneratedRegex(@"\{\{\s*\$([A-Za-z0-9_]+)\s*\}\}")]
    private static partial Regex Variable();
}
