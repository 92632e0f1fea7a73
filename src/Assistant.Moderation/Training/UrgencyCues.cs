using System.Text;
using System.Text.RegularExpressions;
using Assistant.Moderation.Data;

namespace Assistant.Moderation.Training;

/// <summary>
/// What makes a ticket urgent by <c>Data/LABELLING.md</c>, as marker words for the priority model: a service down for
/// many people (or for everything at once), a security incident, production stopped, time running out, someone blocked
/// with no workaround, and on the other side a workaround, a degraded service or a plain question. Urgency is often told
/// in a few ordinary words ("plus personne ne peut travailler"), each harmless alone; a linear model over n-grams cannot
/// combine "personne" with "travailler", so the pairs get markers of their own and the weights are learnt from the
/// labelled rows like any other word.
/// </summary>
public static partial class UrgencyCues
{
    /// <summary>The text the priority model reads: the normalised message followed by its urgency markers.</summary>
    public static string Append(string modelText)
    {
        ArgumentNullException.ThrowIfNull(modelText);
        var folded = TextNormalizer.Fold(modelText);
        var builder = new StringBuilder(modelText, modelText.Length + 64);
        var many = ManyPeople().IsMatch(folded);
        var down = NotWorking().IsMatch(folded);
        var everything = Everything().IsMatch(folded);
        var security = Security().IsMatch(folded);
        var stopped = WorkStopped().IsMatch(folded);
        var now = Now().IsMatch(folded);
        var deadline = Deadline().IsMatch(folded);
        var blocked = Blocked().IsMatch(folded);
        var payment = PaymentBlocked().IsMatch(folded);
        var workaround = Workaround().IsMatch(folded);
        var degraded = Degraded().IsMatch(folded);
        var question = Question().IsMatch(folded);

        CueMarkers.Add(builder, many, "cuepmany");
        CueMarkers.Add(builder, down, "cuepdown");
        CueMarkers.Add(builder, many && (down || blocked), "cuepmassoutage");
        CueMarkers.Add(builder, everything, "cuepeverything");
        CueMarkers.Add(builder, security, "cuepsecurity");
        CueMarkers.Add(builder, stopped, "cuepstopped");
        CueMarkers.Add(builder, now, "cuepnow");
        CueMarkers.Add(builder, deadline, "cuepdeadline");
        CueMarkers.Add(builder, (now || deadline) && (down || blocked), "cueptimeblocked");
        CueMarkers.Add(builder, blocked, "cuepblocked");
        CueMarkers.Add(builder, payment, "cueppayment");
        CueMarkers.Add(builder, workaround, "cuepworkaround");
        CueMarkers.Add(builder, degraded && !many && !everything, "cuepdegraded");
        CueMarkers.Add(builder, question && !down && !everything && !blocked && !security, "cuepquestion");
        return builder.ToString();
    }

    // Every pattern runs on the folded text (lower case, no accents, one kind of apostrophe); phone spellings included.
    private const RegexOptions Options = RegexOptions.CultureInvariant;

    [GeneratedRegex(@"\b(tout\s+le\s+monde|tt\s+le\s+monde|tlm|(tous|toutes|ts)\s+(les|nos|mes)\s+(utilisateurs|users|collaborateurs|collegues|salaries|employes|agents|clients|postes|pcs?|ordinateurs|sites|agences|boutiques|magasins|bureaux|services|equipes|comptes|telephones|serveurs|machines|caisses|participants|membres|gens|personnes|staff|employees|customers|stores|offices|teams|computers|accounts)|(toute|tte)\s+(l'|la\s+)(equipe|entreprise|societe|boite|agence|boutique|direction|organisation|team|compta\w*)|tout\s+le\s+(bureau|service|siege|site|batiment|magasin|cabinet|plateau|etage|open\s+space|reseau)|l'ensemble\s+(de|des|du)|personne\s+(ne\s+|n')?(peu?t|arrive|parvient|recoit|voit|a\s+acces)|plus\s+personne|aucun\s+(de\s+nos\s+|des\s+)?\w+\s+(ne|n')|aucune?\s+(poste|utilisateur|collaborateur|salarie|client|agence|boutique|site)s?|plusieurs\s+(sites|agences|services|equipes|boutiques|utilisateurs|collaborateurs|clients|postes|personnes)|la\s+moitie\s+(des|de)|nos\s+(\d+|deux|trois|quatre|cinq|dix)\s+(utilisateurs|users|collaborateurs|collegues|salaries|employes|agents|clients|postes|pcs?|ordinateurs|sites|agences|boutiques|magasins|bureaux|services|equipes|comptes|telephones|serveurs|machines|caisses|participants|membres|gens|personnes|staff|employees|customers|stores|offices|teams|computers|accounts)|\d{2,}\s+(personnes|utilisateurs|collaborateurs|salaries|employes|postes|agents|clients|users|people|employees|staff|machines|pcs)|everyone|everybody|nobody|no\s+one|none\s+of\s+(us|our|the)|all\s+(of\s+us|(our\s+|the\s+)?(utilisateurs|users|collaborateurs|collegues|salaries|employes|agents|clients|postes|pcs?|ordinateurs|sites|agences|boutiques|magasins|bureaux|services|equipes|comptes|telephones|serveurs|machines|caisses|participants|membres|gens|personnes|staff|employees|customers|stores|offices|teams|computers|accounts))|(the\s+)?(whole|entire)\s+(office|team|company|building|site|floor|staff|organi[sz]ation|department)|several\s+(sites|offices|teams|users|people|stores))\b", Options)]
    private static partial Regex ManyPeople();

    [GeneratedRegex(@"\b(panne|en\s+panne|down|hs|hors\s+service|hors\s+ligne|coupure|coupe\w*|inaccessible|indisponible|injoignable|ne\s+(fonctionne|fonctionnent|marche|marchent|repond|repondent|demarre|s'ouvre|s'ouvrent|charge|s'affiche)\s+(plus|pas)|(ca\s+|sa\s+|rien\s+)?(marche|marchent|fonctionne|fonctionnent|repond)\s+(plus|plu|pas|pa)|plante\w*|crash\w*|mort|bug\w*|erreur\s+\d{3}|page\s+blanche|ecran\s+(noir|blanc)|outage|offline|not\s+(working|loading|responding|starting|opening)|doesn'?t\s+work|isn'?t\s+working|won'?t\s+(load|open|start|work)|stopped\s+working|broken|unavailable|unreachable|crashed|is\s+dead)\b", Options)]
    private static partial Regex NotWorking();

    [GeneratedRegex(@"\b(plus\s+rien|rien\s+ne\s+(marche|fonctionne|passe|repond|s'affiche)|rien\s+(marche|fonctionne)|tout\s+est\s+(bloque|plante|down|hs|coupe|en\s+panne|mort|a\s+l'arret|inaccessible)|tout\s+(a\s+)?(plante|lache|saute)|tout\s+le\s+(site|service|systeme|reseau|serveur|portail)|le\s+(site|service|systeme|serveur|portail|reseau)\s+(entier|complet)|(site|service|serveur|portail|plateforme|application|appli)\s+(est\s+)?(down|hs|inaccessible|indisponible|en\s+panne|mort)|aucun\s+service|tous\s+les\s+services|nothing\s+(works|is\s+working|loads|at\s+all)|everything\s+(is\s+)?(down|broken|stopped|frozen)|(site|service|server|platform|app|system)\s+is\s+(down|dead|unreachable)|(whole|entire)\s+(site|system|service|platform|network))\b", Options)]
    private static partial Regex Everything();

    [GeneratedRegex(@"\b(pirat\w+|hack\w*|rancon\w*|ransom\w*|fuite|fuites|leak\w*|phishing|hameconn\w+|virus|malware|cryptolocker|intrusion|compromis\w*|usurp\w+|breach\w*|compromised|vol\s+de\s+donnees|donnees\s+(volees|exposees|accessibles)|acces\s+non\s+autorise|unauthori[sz]ed|connexions?\s+(suspecte|inconnue)s?|suspicious\s+(login|sign-?in|activity)|faille|chiffres?\s+par)\b", Options)]
    private static partial Regex Security();

    [GeneratedRegex(@"\b((production|prod|usine|chaine|activite|caisses?|ventes?|commandes?)\s+(est\s+|sont\s+|totalement\s+|completement\s+)*(arretee?s?|a\s+l'arret|bloquee?s?|paralysee?s?|stoppee?s?|impossibles?)|(on\s+|nous\s+)?(ne\s+)?(peut|pouvons|peux)\s+(plus|pas)\s+(travailler|bosser|vendre|facturer|encaisser|livrer|produire|ouvrir|servir|operer|rien\s+faire)|(peut|peu|pe)\s+(plus|plu|pa)\s+(travailler|bosser|vendre|rien\s+faire)|activite\s+(est\s+)?(a\s+l'arret|paralysee|bloquee)|on\s+perd\s+(de\s+l'argent|des\s+clients|des\s+ventes|du\s+chiffre)|perte\s+de\s+chiffre|clients?\s+(ne\s+)?(peuvent|peut)\s+(plus|pas)\s+(commander|payer|acceder|se\s+connecter)|production\s+(is\s+)?(down|stopped|halted)|business\s+(is\s+)?(stopped|halted|at\s+a\s+standstill)|(can'?t|cannot|unable\s+to)\s+(work|trade|sell|operate|take\s+orders|serve)|(losing|lose)\s+(money|sales|customers|orders)|at\s+a\s+standstill)\b", Options)]
    private static partial Regex WorkStopped();

    [GeneratedRegex(@"\b(urgent\w*|urgence|urg|asap|au\s+plus\s+vite|d'urgence|tout\s+de\s+suite|immediatement|maintenant|la\s+tout\s+de\s+suite|right\s+now|immediately|now|today|tonight|this\s+(morning|afternoon|evening)|aujourd'?hui|auj|ce\s+(matin|soir|midi)|cet\s+apres-midi|depuis\s+(ce\s+matin|\d+\s*h|une\s+heure|hier)|dans\s+(une|1|2|deux|trois|3|\d+)\s+(heures?|h|minutes?|min)|in\s+(an|one|\d+|two)\s+(hours?|minutes?|mins?)|d'ici\s+(ce\s+soir|midi|demain|\d+\s*h))\b", Options)]
    private static partial Regex Now();

    [GeneratedRegex(@"\b(deadline|echeance|date\s+limite|cloture|avant\s+(midi|ce\s+soir|demain|\d+\s*h|la\s+fin)|demain\s+(matin|a\s+\d+)|(reunion|rendez-vous|rdv|presentation|audit|salon|conference|formation|visio|livraison|paie|salaires|declaration)\s+(dans|a|ce|demain|aujourd'?hui|cet)|(la\s+)?paie|salaires|client\s+(attend|arrive)|due\s+(today|tomorrow|tonight)|meeting\s+(in|at|this)|presentation\s+(in|at|this)|payroll|before\s+(noon|tonight|tomorrow|\d+\s*(am|pm)?)|by\s+(tonight|tomorrow|noon|end\s+of\s+day|eod))\b", Options)]
    private static partial Regex Deadline();

    [GeneratedRegex(@"\b(bloque\w*|impossible\s+d[e']|(ne|n')\s*(peut|peuvent|pouvons|peux|arrive|arrivent|parvient|parviennent)\s+(plus\s+|pas\s+)?(a\s+)?(travailler|bosser|se\s+connecter|me\s+connecter|nous\s+connecter|acceder|ouvrir|envoyer|recevoir|imprimer|appeler|rien\s+faire)|(je\s+|j')?(ne\s+)?(peux|peut|arrive|parviens)\s+(plus|pas)\s+(a\s+)?(me\s+connecter|acceder|travailler|ouvrir|envoyer|recevoir|payer|rien)|(peu|pe|peux)\s+(plu|pa|plus)\s+(me\s+)?(co|connecter|travailler|rien)|aucune\s+(solution|alternative|autre\s+solution)|sans\s+(solution|alternative)|rien\s+a\s+faire|verrouille\w*|locked\s+out|blocked|stuck|(can'?t|cannot|unable\s+to)\s+(log|sign|access|connect|open|send|receive|pay|do\s+anything)|no\s+(workaround|alternative|way\s+to))\b", Options)]
    private static partial Regex Blocked();

    [GeneratedRegex(@"\b((paiement|reglement|virement|carte|prelevement|cb)\s+(est\s+)?(refuse|rejete|bloque|impossible|echoue|ne\s+passe\s+(plus|pas))e?s?|(impossible\s+de|peux\s+pas|peut\s+pas|arrive\s+pas\s+a)\s+(payer|regler)|payment\s+(failed|declined|blocked|rejected|won'?t\s+go\s+through)|card\s+(declined|rejected)|(can'?t|cannot|unable\s+to)\s+pay)\b", Options)]
    private static partial Regex PaymentBlocked();

    [GeneratedRegex(@"\b(en\s+attendant|contourn\w+|solution\s+de\s+contournement|quand\s+meme|ca\s+marche\s+(sur|avec|depuis|en)|fonctionne\s+(sur|avec|depuis|en)\s+(mon|le|la|un|une)|sinon\s+(ca|tout)\s+(va|marche|fonctionne)|pas\s+(tres\s+)?(urgent|presse|grave|bloquant)|rien\s+de\s+(grave|bloquant|urgent)|peut\s+attendre|quand\s+vous\s+(aurez|pourrez)|a\s+l'occasion|des\s+que\s+possible\s+mais|workaround|not\s+(urgent|a\s+big\s+deal|blocking)|no\s+rush|when\s+you\s+(have|get)\s+(a\s+)?(moment|time|chance)|it\s+works\s+(on|with|from|in)|for\s+now\s+i\s+(can|use))\b", Options)]
    private static partial Regex Workaround();

    [GeneratedRegex(@"\b(lent\w*|ralenti\w*|lenteurs?|rame|ramer|met\s+du\s+temps|parfois|de\s+temps\s+en\s+temps|par\s+moments|intermittent\w*|aleatoire\w*|pas\s+toujours|souvent|coupe\s+de\s+temps|mal|mauvaise?\s+qualite|saccad\w+|gresill\w+|decal\w+|slow\w*|lag\w*|sometimes|intermittent\w*|now\s+and\s+then|from\s+time\s+to\s+time|choppy|glitch\w*)\b", Options)]
    private static partial Regex Degraded();

    [GeneratedRegex(@"\b(comment|est-il\s+possible|est-ce\s+(qu'?il\s+est\s+)?possible|(il\s+est\s+)?possible\s+de|puis-je|peut-on|je\s+voudrais\s+savoir|savoir\s+si|une\s+question|petite\s+question|renseignements?|information|quel(le)?s?\s+(est|sont)|suggestion|idee|ce\s+serait\s+(bien|pratique|top)|pourriez-vous\s+ajouter|fonctionnalite|how\s+(do|can|to)|is\s+it\s+possible|can\s+i|could\s+you\s+add|is\s+there\s+a\s+way|would\s+be\s+(nice|great|useful)|feature\s+request|just\s+wondering|quick\s+question)\b", Options)]
    private static partial Regex Question();
}

/// <summary>
/// The urgency step saved inside the priority model (ML.NET custom mapping), so a model set always reads text the way
/// it was trained: sets trained before these cues keep reading plain text. Loading needs this assembly registered with
/// the context's component catalog (<see cref="TargetCuesMapping.Register"/> registers the whole assembly).
/// </summary>
[Microsoft.ML.Transforms.CustomMappingFactoryAttribute(ContractName)]
public sealed class UrgencyCuesMapping : Microsoft.ML.Transforms.CustomMappingFactory<CueInput, CueOutput>
{
    public const string ContractName = "UrgencyCues-1";

    public static void Map(CueInput input, CueOutput output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        output.ModelInput = UrgencyCues.Append(input.Text ?? "");
    }

    public override Action<CueInput, CueOutput> GetMapping() => Map;
}
