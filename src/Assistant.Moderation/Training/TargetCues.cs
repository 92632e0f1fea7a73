using System.Text;
using System.Text.RegularExpressions;
using Assistant.Moderation.Data;

namespace Assistant.Moderation.Training;

/// <summary>
/// Words a linear model over n-grams cannot combine by itself: who a message is aimed at (you, the staff, someone
/// else's account), what it says about them (an insult, a crime, their home or family, their origin), and what it is
/// about (our products, another company's, an outage for many people). Each match adds a marker word to the text the
/// classifiers read, and a few pairs add a marker of their own ("the staff" and "a crime" in one message), so the
/// weights are learnt from the labelled rows like any other word: the contrastive rows (a technician's visit, a wrong
/// invoice, a phishing report) teach the models when a cue alone means nothing.
/// </summary>
public static partial class TargetCues
{
    /// <summary>The text the classifiers read: the normalised message followed by its cue markers.</summary>
    public static string Append(string modelText)
    {
        ArgumentNullException.ThrowIfNull(modelText);
        var folded = TextNormalizer.Fold(modelText);
        var builder = new StringBuilder(modelText, modelText.Length + 96);
        var you = SecondPerson().IsMatch(folded);
        var staff = Staff().IsMatch(folded);
        var insult = Insult().IsMatch(folded) || Insult().IsMatch(Squeezed(folded));
        var crime = Crime().IsMatch(folded);
        var privateLife = PrivateLife().IsMatch(folded);
        var harm = Harm().IsMatch(folded);
        var someoneElse = SomeoneElse().IsMatch(folded);
        var access = Access().IsMatch(folded);
        var secretly = Secretly().IsMatch(folded);
        var document = Document().IsMatch(folded);
        var forged = Forged().IsMatch(folded);
        var identity = Identity().IsMatch(folded) || PersonOfColourOrOrigin().IsMatch(folded);
        var preference = Preference().IsMatch(folded);
        var sexual = Sexual().IsMatch(folded);
        var ours = OurProducts().IsMatch(folded);
        var others = OtherCompanies().IsMatch(folded);
        var manyPeople = ManyPeople().IsMatch(folded);
        var outage = Outage().IsMatch(folded);
        var security = Security().IsMatch(folded);
        var reported = Reported().IsMatch(folded);

        CueMarkers.Add(builder, you, "cuexyou");
        CueMarkers.Add(builder, staff, "cuexstaff");
        CueMarkers.Add(builder, insult, "cuexinsult");
        CueMarkers.Add(builder, insult && (you || staff) && !reported, "cuexinsultaimed");
        CueMarkers.Add(builder, insult && WordCount(folded) <= 4 && !reported, "cuexinsultalone");
        CueMarkers.Add(builder, crime, "cuexcrime");
        CueMarkers.Add(builder, crime && staff && !reported, "cuexstaffcrime");
        CueMarkers.Add(builder, privateLife, "cuexprivate");
        CueMarkers.Add(builder, privateLife && (staff || you), "cuexstaffprivate");
        CueMarkers.Add(builder, harm, "cuexharm");
        CueMarkers.Add(builder, harm && (staff || you), "cuexstaffharm");
        CueMarkers.Add(builder, someoneElse && access, "cuexotheraccess");
        CueMarkers.Add(builder, secretly, "cuexsecretly");
        CueMarkers.Add(builder, document && forged, "cuexforged");
        CueMarkers.Add(builder, identity, "cuexidentity");
        CueMarkers.Add(builder, identity && preference, "cuexidentitypref");
        CueMarkers.Add(builder, sexual, "cuexsexual");
        CueMarkers.Add(builder, sexual && (you || staff), "cuexsexualaimed");
        CueMarkers.Add(builder, ours, "cuexours");
        CueMarkers.Add(builder, others, "cuexothers");
        CueMarkers.Add(builder, others && !ours, "cuexothersonly");
        CueMarkers.Add(builder, manyPeople && outage, "cuexmassoutage");
        CueMarkers.Add(builder, security, "cuexsecurity");
        CueMarkers.Add(builder, reported, "cuexreported");
        return builder.ToString();
    }

    /// <summary>
    /// The message reports harm done to its author or a security problem (hacked, phishing, "il m'a insulté") and aims
    /// nothing at the staff: such a message quotes or describes the very words a model flags, and its author is a victim.
    /// </summary>
    public static bool ReportsHarmSuffered(string modelText)
    {
        ArgumentNullException.ThrowIfNull(modelText);
        var folded = TextNormalizer.Fold(modelText);
        var reported = Reported().IsMatch(folded);
        if (!reported && !Security().IsMatch(folded))
        {
            return false;
        }

        var staff = Staff().IsMatch(folded);
        var identityPreference = (Identity().IsMatch(folded) || PersonOfColourOrOrigin().IsMatch(folded)) && Preference().IsMatch(folded);
        if (identityPreference || (staff && Crime().IsMatch(folded) && !reported))
        {
            return false;
        }

        // Words reported are quoted ("il m'a traité de…"): an insult there aims at no one. A security report that also
        // insults or accuses whoever it addresses is aimed.
        var aimedAtStaff = staff || SecondPerson().IsMatch(folded);
        var aimedHarm = Insult().IsMatch(folded) || Insult().IsMatch(Squeezed(folded)) || Crime().IsMatch(folded)
            || PrivateLife().IsMatch(folded) || Harm().IsMatch(folded) || Sexual().IsMatch(folded);
        return reported || !(aimedAtStaff && aimedHarm);
    }

    /// <summary>
    /// Signs and emoji dropped between letters: "c*nnard" → "cnnard", "f.d.p." → "fdp", "c-o-n-s" → "cons",
    /// "ab🤬ruti" → "abruti". Spaces and sentence punctuation stay, so words do not run together.
    /// </summary>
    private static string Squeezed(string folded)
    {
        var builder = new StringBuilder(folded.Length);
        var i = 0;
        while (i < folded.Length)
        {
            var end = i;
            while (end < folded.Length && IsDodge(folded[end]))
            {
                end++;
            }

            if (end > i && i > 0 && end < folded.Length && char.IsLetter(folded[i - 1]) && char.IsLetter(folded[end]))
            {
                i = end;
                continue;
            }

            var next = Math.Max(end, i + 1);
            builder.Append(folded, i, next - i);
            i = next;
        }

        return builder.ToString();
    }

    private static bool IsDodge(char c) =>
        !char.IsLetterOrDigit(c) && !char.IsWhiteSpace(c) && c is not (',' or ';' or ':' or '!' or '?' or '\'');

    private static int WordCount(string text)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var letter = char.IsLetterOrDigit(c);
            if (letter && !inWord)
            {
                count++;
            }

            inWord = letter;
        }

        return count;
    }

    // Every pattern runs on the folded text (lower case, no accents, one kind of apostrophe).
    private const RegexOptions Options = RegexOptions.CultureInvariant;

    [GeneratedRegex(@"\b(tu|t'|te|toi|ton|ta|tes|vous|votre|vos|t'es|you|your|youre|you're|u|ur|yours)\b", Options)]
    private static partial Regex SecondPerson();

    [GeneratedRegex(@"\b(technicien\w*|techs?|agents?|conseill\w+|operat\w+|commercia\w+|vendeu\w+|livreu\w+|directeu\w+|directrice|patron|gerant\w*|responsables?|managers?|comptables?|stagiaires?|employe\w*|equipes?|personnel|standardist\w+|assistante?s?|hotline|bot|robot|chatbot|technicians?|engineers?|staff|supervisors?|boss|reps?|salesm[ae]n|drivers?|employees?|accountants?|interns?|ceo|director|team)\b", Options)]
    private static partial Regex Staff();

    [GeneratedRegex(@"\b(connard\w*|connasse\w*|cnn?ard\w*|c\wnnard\w*|pauvres?\s+(con|type|conne|tache|merde)s?|gros\s+cons?|encul\w+|salope?s?|salaud\w*|pute?s?|putains?\s+de\s+(toi|vous)|fdp|ntm|nique\w*|batard\w*|abruti\w*|cretin\w*|imbecile\w*|debile\w*|idiot\w*|bouffon\w*|guignol\w*|tocard\w*|minable\w*|ordure\w*|raclure\w*|enfoire\w*|pd|pede\w*|gogol\w*|mongol\w*|attarde\w*|clochard\w*|pov\s+(con|type)|ta\s+gueule|ferme\s+(ta|la)\s+gueule|va\s+te\s+faire|je\s+(t|vous)\s*'?emmerde|morons?|idiots?|jerks?|losers?|assholes?|arseholes?|bitch\w*|bastards?|cunts?|dickheads?|pricks?|twats?|wankers?|retard\w*|scum\w*|dumbass\w*|fuck\s+(you|u|off)|screw\s+you|piece\s+of\s+(shit|garbage|crap)|son\s+of\s+a)\b", Options)]
    private static partial Regex Insult();

    [GeneratedRegex(@"\b(vol(e|ent|eur|euse|eurs)|menteu\w+|mentent|ment|escro\w+|arnaqu\w+|pots?[- ]de[- ]vin|corromp\w+|corrompu\w*|drogu\w+|alcooli\w+|bourre|ivre|harcel\w+|detourn\w+|revend\w+|falsifi\w+|fraud\w+|truqu\w+|magouill\w+|trafiqu\w+|pedophile\w*|criminel\w*|voyous?|mafi\w+|steal\w*|stole|thie\w+|liars?|lies|lying|scam\w*|brib\w+|drunk|fraud\w*|forg(e|es|ed|ing)|embezzl\w+|crooks?|criminals?|sells?\s+(our|customer|client)\w*\s+data|harass\w+)\b", Options)]
    private static partial Regex Crime();

    [GeneratedRegex(@"\b(enfants?|gamins?|gosses?|famille|ecole|domicile|habite\w*|adresse\s+perso\w*|chez\s+(lui|elle|toi|vous)|voiture|plaque|camionnette|parking|sortie\s+du\s+(travail|bureau)|trajet|bus\s+de|horaires?\s+de\s+(sortie|depart)|numero\s+perso\w*|portable\s+perso\w*|kids?|children|family|school|lives?|home\s+address|(your|his|her)\s+car|plate|parking|commute|personal\s+(number|phone|address))\b", Options)]
    private static partial Regex PrivateLife();

    [GeneratedRegex(@"\b(frapp\w+|cogn\w+|casser\s+(la|les)\s+\w+|defonc\w+|crever|buter|flingu\w+|egorg\w+|brul\w+|cramer|tabass\w+|poignard\w+|arme|fusil|couteau|represailles|vengeance|venger|gare\s+a\s+(toi|vous)|faire\s+du\s+mal|kalach\w*|batte|etrangl\w+|envoyer\s+des\s+(mecs|gars|potes)|(il|elle|ils|vous|tu)\s+va(s|z)?\s+comprendre|va\s+perdre\s+bien\s+plus|rendre\s+visite|(ce\s+)?serait\s+(dommage|regrettable|bete)|dommage\s+qu'?(il|elle)\s+(arrive|se\s+passe)|arriv\w+\s+quelque\s+chose|on\s+verra\s+bien|je\s+sais\s+ou|je\s+connais\s+(du\s+monde|des\s+gens)|ne\s+reponds?\s+plus\s+de\s+mes\s+gestes|escorte|hurt|kill\s+(you|him|her|them)|crowbar|strangl\w+|(set|send)\s+my\s+dogs|brick|baseball\s+bat|pay\s+(you|him|her)\s+a\s+visit|beat\s+(you|him|her|them)|punch|stab|gun|knife|revenge|shame\s+if|something\s+happen\w*|i\s+know\s+where|watch\s+your\s+back|be\s+careful|accident)\b", Options)]
    private static partial Regex Harm();

    [GeneratedRegex(@"\b(collegue|ex|ex-\w+|voisin\w*|ma\s+femme|mon\s+mari|ma\s+mere|mon\s+pere|mon\s+patron|ma\s+soeur|mon\s+frere|mon\s+fils|ma\s+fille|mon\s+chef|ma\s+cheffe|quelqu'?un\s+d'?autre|un\s+autre\s+client|d'autres\s+clients|autres\s+clients|le\s+directeur|du\s+directeur|de\s+mon\s+manager|son\s+compte|sa\s+boite|ses\s+mails|colleague|coworker|co-worker|neighbou?r|my\s+ex|ex-wife|ex-husband|girlfriend|boyfriend|my\s+boss|my\s+manager'?s?|someone\s+else'?s?|another\s+customer'?s?|other\s+customers'?|his\s+account|her\s+account|their\s+account)\b", Options)]
    private static partial Regex SomeoneElse();

    [GeneratedRegex(@"\b(comptes?|mots?\s+de\s+passe|mdp|identifiants?|codes?|mails?|boite\s+mail|messagerie|session|acces|connexion|donnees|fichiers?|dossiers?|double\s+authentification|2fa|sms|account|password|login|credentials|inbox|email|files?|data|access)\b", Options)]
    private static partial Regex Access();

    [GeneratedRegex(@"\b(sans\s+qu'?(il|elle|ils|elles|on)\s+(le\s+)?(sache|sachent|voie|voient|remarque)|a\s+son\s+insu|en\s+douce|discretement|sans\s+le\s+dire|sans\s+(son|leur)\s+accord|without\s+(them|him|her)\s+(knowing|noticing)|behind\s+(his|her|their)\s+back|secretly|on\s+the\s+quiet|between\s+us)\b", Options)]
    private static partial Regex Secretly();

    [GeneratedRegex(@"\b(factures?|attestations?|certificats?|recus?|devis|justificatifs?|avoirs?|bulletins?|contrats?|invoices?|receipts?|certificates?|statements?|documents?)\b", Options)]
    private static partial Regex Document();

    [GeneratedRegex(@"\b(antidat\w+|gonfl\w+|majore\w*|fictiv\w+|faux|fausses?|falsifi\w+|modifier\s+le\s+montant|changer\s+la\s+date|une\s+autre\s+date|pour\s+(l'|mon\s+|son\s+)?assur\w+|pour\s+les\s+impots|deux\s+financeurs|jamais\s+achete|backdat\w+|inflat\w+|fake|forged?|made[- ]up|never\s+bought|didn'?t\s+take|for\s+(my|the)\s+insur\w+)\b", Options)]
    private static partial Regex Forged();

    [GeneratedRegex(@"\b(etrangers?|etrangeres?|arabes?|juifs?|juives?|musulman\w*|chretien\w*|africain\w*|asiatiques?|chinois\w*|maghrebin\w*|rebeus?|beurs?|renois?|bougnoul\w*|negr\w+|roms?|gitans?|de\s+souche|accents?|femmes?|nanas?|gonzesses?|homos?|gays?|lesbiennes?|trans|handicape\w*|fauteuil\s+roulant|foreign\w*|immigrants?|muslims?|jews?|jewish|christians?|arabs?|asians?|women|woman|girls?|gay|disabled|wheelchair)\b", Options)]
    private static partial Regex Identity();

    [GeneratedRegex(@"\b(hommes?|femmes?|mecs?|types?|personnes?|gens|agents?|conseill\w+|technicien\w*|operat\w+|une|un|des|les|men|man|women|woman|guys?|persons?|people|advis[eo]rs?|engineers?|technicians?|a|the)\s+(blanc|blanche|noir|noire|arabe|indien|indienne|europeen\w*|africain\w*|asiatique|maghrebin\w*|white|black|asian|arab|indian|european|british-born)s?\b", Options)]
    private static partial Regex PersonOfColourOrOrigin();

    [GeneratedRegex(@"\b(veux|voudrais|prefere\w*|pas\s+de|pas\s+un|pas\s+une|sans|filtrer|que\s+des|uniquement|seulement|pas\s+fait\w*\s+pour|rien\s+a\s+faire|n'ont\s+rien|ne\s+savent\s+pas|only|no|don'?t\s+want|prefer\w*|rather|give\s+me|can'?t|shouldn'?t|not\s+a)\b", Options)]
    private static partial Regex Preference();

    [GeneratedRegex(@"\b(sexy|coquin\w*|nue?s?|photos?\s+de\s+(toi|vous)|bien\s+roule\w*|bisous?|ma\s+belle|ma\s+cherie|mon\s+coeur|lingerie|couch\w+\s+avec|culotte|seins?|fesses?|tu\s+portes\s+quoi|celibataire|rendez-vous\s+avec\s+(toi|vous)|naked|nudes?|babe|sweetie|hottie|sexy|boobs|what\s+are\s+you\s+wearing|date\s+with\s+(me|you)|your\s+(photo|picture)s?)\b", Options)]
    private static partial Regex Sexual();

    [GeneratedRegex(@"\b(v-?room|ibox|icosnet|digisense|espace\s+client|client\s+space|self-?care)\b", Options)]
    private static partial Regex OurProducts();

    [GeneratedRegex(@"\b(amazon|netflix|vinted|leboncoin|cdiscount|fnac|darty|boulanger|ikea|lidl|carrefour|auchan|leclerc|zalando|shein|temu|aliexpress|ebay|paypal|revolut|orange|sfr|bouygues|free\s+mobile|freebox|livebox|canal\+?|canal\s+plus|disney|spotify|deezer|youtube|instagram|facebook|whatsapp|tiktok|snapchat|twitter|telegram|uber|deliveroo|blablacar|airbnb|booking|sncf|ratp|ouigo|edf|engie|doctolib|ameli|caf|impots|pole\s+emploi|france\s+travail|la\s+poste|colissimo|chronopost|dhl|ups|fedex|mondial\s+relay|playstation|ps5|xbox|nintendo|steam|fortnite|tinder|bnp|societe\s+generale|credit\s+agricole|lcl|boursorama|sainsbury'?s|tesco|argos|dfs|vodafone|ee|o2|verizon|at&t|comcast|hsbc|barclays|lloyds|santander|google\s+photos|gmail|icloud|hotmail|outlook\.com)\b", Options)]
    private static partial Regex OtherCompanies();

    [GeneratedRegex(@"\b(tout\s+le\s+monde|tt\s+le\s+monde|toute\s+l'?equipe|tous\s+les\s+(postes|utilisateurs|salaries|collaborateurs|employes|sites|clients)|toute\s+la\s+(boite|societe|boutique|agence|entreprise|direction)|tout\s+le\s+(bureau|service|siege|site|batiment|magasin|cabinet|plateau)|personne\s+(ne|n')\s*(peut|arrive|marche)|plus\s+personne|\d{2,}\s+(personnes|utilisateurs|salaries|postes|collaborateurs|users|people|employees)|everyone|everybody|nobody\s+can|the\s+whole\s+(office|team|company|building|site|floor)|all\s+(our\s+)?(users|staff|employees|sites|stores|machines|pcs)|entire\s+(office|team|company))\b", Options)]
    private static partial Regex ManyPeople();

    [GeneratedRegex(@"\b(bloque\w*|marche\s+plus|fonctionne\s+plus|hs|down|en\s+panne|panne|plante\w*|coupe\w*|inaccessible|injoignable|impossible|rien\s+ne\s+(marche|fonctionne)|plus\s+rien|arret\w*|crash\w*|outage|not\s+working|stopped|blocked|offline|can'?t\s+(log|connect|access|work))\b", Options)]
    private static partial Regex Outage();

    [GeneratedRegex(@"\b(pirat\w+|hack\w*|rancon\w*|ransomware|fuite\s+de\s+donnees|fuite|leak\w*|phishing|hameconn\w+|virus|malware|cryptolocker|intrusion|compromis|usurp\w+|breach\w*|compromised|stolen\s+data|data\s+exposed)\b", Options)]
    private static partial Regex Security();

    // Abuse suffered and reported, or words quoted: "un participant m'a insulté", "il m'a traité de…", "called me a…".
    [GeneratedRegex(@"\b(m'a\s+(traite|insulte|menace|dit|ecrit|envoye|harcele)\w*|m'ont\s+(traite|insulte|menace|dit|harcele)\w*|(me|m')\s+trait\w+\s+de|on\s+m'a\s+(traite|insulte|menace)|(called|calls|calling)\s+me|(insulted|threatened|harassed)\s+me|told\s+me\s+i|a\s+ete\s+(insulte|menace|harcele)\w*|victime|signaler|se\s+fai(t|sait)\s+passer\s+pour|pretend\w*\s+to\s+be|posing\s+as|impersonat\w+|est-ce\s+une\s+arnaque|c'est\s+une\s+arnaque\s+\?|is\s+(this|it)\s+a\s+scam|report(ing)?\s+(a|an|this|abuse))\b", Options)]
    private static partial Regex Reported();
}

/// <summary>The message as the featurizer of a cue-aware model reads it (<see cref="TargetCues.Append"/>).</summary>
public sealed class CueInput
{
    public string Text { get; set; } = "";
}

public sealed class CueOutput
{
    public string ModelInput { get; set; } = "";
}

/// <summary>
/// The cue step saved inside each model (ML.NET custom mapping), so a model set always reads text the way it was
/// trained: sets trained before the cues existed keep reading plain text. Loading a model needs this assembly
/// registered with the context's component catalog (<see cref="Register"/>).
/// </summary>
[Microsoft.ML.Transforms.CustomMappingFactoryAttribute(ContractName)]
public sealed class TargetCuesMapping : Microsoft.ML.Transforms.CustomMappingFactory<CueInput, CueOutput>
{
    public const string ContractName = "TargetCues-1";

    public static void Map(CueInput input, CueOutput output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        output.ModelInput = TargetCues.Append(input.Text ?? "");
    }

    public static void Register(Microsoft.ML.MLContext ml)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ml.ComponentCatalog.RegisterAssembly(typeof(TargetCuesMapping).Assembly);
    }

    public override Action<CueInput, CueOutput> GetMapping() => Map;
}
