using System.Text.RegularExpressions;

namespace Assistant.Moderation.Rules;

/// <summary>
/// Priority rules of DESIGN.md that wording states plainly: a security incident or a service down for
/// many users is urgent. A miss is costly and the model learns them from few examples, so the rule
/// decides when it matches; the result says which rule.
/// </summary>
public static partial class TriageRules
{
    public const string Security = "rule:security";
    public const string Outage = "rule:outage";
    public const string ProductionStopped = "rule:production-stopped";

    /// <summary>The name of the urgent rule that matches, or null. Expects <c>TextNormalizer.ForMatching</c> text.</summary>
    public static string? MatchUrgent(string matchingText)
    {
        if (SecurityPattern().IsMatch(matchingText))
        {
            return Security;
        }

        if (ProductionPattern().IsMatch(matchingText))
        {
            return ProductionStopped;
        }

        return OutagePattern().IsMatch(matchingText) && ManyUsersPattern().IsMatch(matchingText) ? Outage : null;
    }

    [GeneratedRegex(
        @"\b(pirat(e|es|ee|ees|age)|hacke[sd]?|hacking|compte[s]? compromis|comptes? (a ete |ont ete )?(pirate|compromis)|fuite de donnees|fuite des donnees|donnees (ont )?(fuite|vole|voles|volees)|vol de donnees|data (leak|breach)|ransomware|rancongiciel|intrusion|connexions? (suspecte|inconnue)s?|acces non autorise|usurpation|someone (hacked|accessed)|account (was )?(hacked|compromised)|security (breach|incident)|rancon|ransom|(virus|ver|malware|logiciel malveillant)\b.{0,40}?\b(se propage|propage|infecte|chiffre)|(fichiers|donnees|serveurs?|postes)\b.{0,30}?\b(chiffres|chiffrees|encrypted)\b.{0,40}?\b(rancon|ransom|payer|pay)|(cliqu[ee]|saisi|entre|donne|clicked|entered|fell for)\b.{0,60}?\b(phishing|hameconnage|faux (mail|email|lien))|(phishing|hameconnage|faux (mail|email))\b.{0,80}?\b(cliqu[ee]|saisi|ont donne|clicked|entered)|cryptolocker|hijacked|comptes? (sont |semblent |a ete |ont ete )?compromis(es)?|boites? mail (semblent |sont )?compromises|(adresses?|ip) inconnues?|an unknown (admin|administrator)|unknown ip|ce n'est (pas|aucun de) nous|isn't (any of )?us|none of us did|(accessible|public) (publiquement|sans mot de passe)|publicly (accessible|available)|faille)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex SecurityPattern();

    [GeneratedRegex(
        @"\b(production|prod|activite|usine|chaine)\s+(est\s+|totalement\s+|completement\s+)*(arretee|a l'arret|bloquee|paralysee|stoppee)\b|\bproduction (is )?(down|stopped|halted)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex ProductionPattern();

    [GeneratedRegex(
        @"\b(panne|en panne|down|hors service|hors ligne|coupure|coupe|inaccessible|indisponible|ne (fonctionne|marche|repond) (plus|pas)|plus rien ne (fonctionne|marche)|plante|(ne|n') ?(peut|peuvent|pouvons|parvient|arrive) (plus|pas) (a )?(se connecter|acceder|travailler|rien faire)|bloques?|outage|not working|unavailable|is down|(ne|n') ?(peut|peuvent|parvient|parviennent|arrive|arrivent) (plus |pas )?(a )?(se connecter|entrer|acceder|ouvrir|joindre|rejoindre)|ne (demarre|sort|s'ouvre|s'ouvrent) (plus|pas)|ejectes?|muets?|a l'arret|immobilises|coupee?s?|broken|can'?t (sign|log) in|cannot (sign|log) in|blocked"
        // The same typed on a phone: no "ne", SMS spelling.
        + @"|(ca |sa |c |rien )?(marche|marchent|fonctionne|fonctionnent|repond) (plus|plu|pas|pa)|peu?[tx]? (plus|plu|pa) (se )?(co|connecter|travailler|bosser|rien faire)|plus (d'|de |d )(internet|reseau|connexion|co|mail|mails|visio|acces)|(c |c'est |cest |tout est )mort|crash(e|ent|é)?)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex OutagePattern();

    [GeneratedRegex(
        @"\b(tout le monde|tous (les|nos|mes) (utilisateurs|collaborateurs|salaries|clients|employes|agents|sites|services)|toute (l'entreprise|la societe|l'equipe|la boite)|l'ensemble (de|des|du)|personne ne peut|aucun (de nos |des )?(utilisateurs?|collaborateurs?|salaries?|employes?)|plus aucun|plusieurs (sites|agences|services|equipes|centaines|dizaines)|tous les comptes|everyone|all (our |the )?(users|staff|employees|customers)|nobody can|whole (company|team|office)|\d{2,} (personnes|utilisateurs|collaborateurs|salaries|employes|postes|chauffeurs|journalistes|visiteurs|participants|medecins|teletravailleurs|people|users|employees|staff|doctors|patients)|toute l'(organisation|equipe \w+)|tout le (batiment|siege|site)|notre organisation|(entire|whole) (organi[sz]ation|building)|(tous|toutes) (les|nos) (participants|postes|telephones|serveurs|reunions|boutiques|agences)|(les|nos) (\d+|deux|trois|quatre) (sites|agences|boutiques)|personne (chez nous|dans (l'entreprise|la societe|l'equipe))|aucun poste|la moitie (des|de nos)|nobody|none of (our|the) (users|staff)"
        // The same typed on a phone.
        + @"|tt le monde|tlm|ts (les|nos) (collegues|users|postes|salaries)|(toute|tte) la (boite|boîte|team|equipe)|tout le (bureau|service|open space)|plus personne|personne (ne )?(peu?t|arrive)|all of us|whole office|(le|au|du) bureau entier)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex ManyUsersPattern();
}
