using System.Text.RegularExpressions;

namespace Assistant.Moderation.Rules;

/// <summary>
/// Abusive whatever the model says, because the wording is narrow enough for a rule to be precise and a miss is
/// costly: explicit threats of violence; requests to break into someone else's account or to cheat (cracks,
/// brute force, forged invoices: the CGU's illegal use); attempts to make the assistant drop its instructions and
/// reveal internal or other customers' data. Victims asking for help ("mon compte a été piraté") do not match:
/// the patterns need a request to do it, not a report that it happened.
/// </summary>
public static partial class ModerationRules
{
    public const string Threat = "rule:threat";
    public const string IllegalRequest = "rule:illegal-request";
    public const string PromptInjection = "rule:prompt-injection";
    public const string HatePreference = "rule:hate-preference";

    /// <summary>True for the names of the rules that decide a message is abusive (as opposed to <see cref="PlainAnswer"/>).</summary>
    public static bool IsAbusiveRule(string decidedBy) => decidedBy is Threat or IllegalRequest or PromptInjection or HatePreference;

    /// <summary>Ok by rule: the whole message is a phone number, an e-mail address, a customer number or one of the dialog's own choices.</summary>
    public const string PlainAnswer = "rule:plain-answer";

    /// <summary>
    /// True when the message is only a structured answer to one of the intake dialog's questions. Such short texts are
    /// far from anything the models learn from, and scoring them gave strikes to people typing their phone number.
    /// </summary>
    public static bool IsPlainAnswer(string matchingText) => PlainAnswerPattern().IsMatch(matchingText);

    /// <summary>The name of the rule that decides, or null when the model decides. Expects <c>TextNormalizer.ForMatching</c> text.</summary>
    public static string? Match(string matchingText)
    {
        if (ThreatFrench().IsMatch(matchingText) || ThreatEnglish().IsMatch(matchingText))
        {
            return Threat;
        }

        if (IllegalFrench().IsMatch(matchingText) || IllegalEnglish().IsMatch(matchingText) || Fraud().IsMatch(matchingText))
        {
            return IllegalRequest;
        }

        if (HatePreferencePattern().IsMatch(matchingText))
        {
            return HatePreference;
        }

        return Injection().IsMatch(matchingText) ? PromptInjection : null;
    }

    [GeneratedRegex(
        @"\b(je vais|j'vais|jvais|on va|je viendrai|on viendra|je vais venir|on vient|je peux)\b.{0,40}?\b(te|vous|t')\s*(tuer|buter|crever|egorger|planter|descendre|defoncer|fracasser|casser la (gueule|figure)|frapper|cogner|retrouver)\b(?!\s*(la|le|les|l'|un|une|des|du|de|ca|cela|ce|cette|cet|mon|ma|mes|votre|vos|son|sa|ses|leur|quelque|vite|rapidement|tout|une solution)\b)"
        + @"|\b(je|on)\s+(sai[st]|connai[st])\s+ou\s+(tu\s+(habites|vis|travailles)|vous\s+(habitez|vivez|travaillez)|(il|elle)\s+(habite|vit))"
        + @"|\b(tout|vous)\s+(casser|bruler|faire sauter)\b.{0,30}?\b(agence|bureaux?|locaux|boutique|magasin)\b"
        + @"|\b(agence|bureaux?|locaux|boutique|magasin)\b.{0,40}?\b(tout casser|tout bruler|faire sauter|mettre le feu)\b"
        + @"|\b(vous|tu)\s+(allez|vas)\s+(le\s+payer|crever|mourir)\b"
        + @"|\b(menace[rs]? de mort|une balle dans|coup de couteau|vous egorger|te egorger|t'egorger)\b"
        + @"|\b(je|on)\s+(vais|va|viens|viendrai|viendra)\b.{0,60}?\bcass(e|er) la (gueule|figure|tete)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex ThreatFrench();

    [GeneratedRegex(
        @"\b(i('m| am)? going to|i'?ll|i will|gonna|we('re| are) going to|we'?ll)\s+(kill|hurt|shoot|stab|beat|find)\s+(you|u)\b"
        + @"|\bi know where (you|u) (live|work)\b|\bburn (your|the) (office|store|shop) down\b"
        + @"|\b(i('m| am)? going to|i'?ll|i will|gonna|im gonna)\s+(kill|hurt|shoot|stab|beat|punch)\b.{0,30}?\b(whoever|the next|someone|somebody|anyone|everyone|the guy|your (agent|staff|technician|manager))\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex ThreatEnglish();

    [GeneratedRegex(
        @"\b(comment|je veux|je voudrais|j'aimerais|aide[sz]?[- ]moi a|explique[sz]?[- ]moi comment|peux-tu|tu peux|pouvez-vous|tu connais|donne[sz]?[- ]moi)\b.{0,40}?(?<!faire |essaye de |essaie de |tente de |essayer de |tenter de |empecher de )\b(pirater|hacker|cracker|espionner|intercepter|falsifier|contourner (le paiement|la double authentification|l'authentification|la licence|la limite)|(une |l')?injection sql|(la |une )?(force brute|bruteforce))\b"
        + @"|\b(je veux|je voudrais|aide[sz]?[- ]moi a|comment) (usurper|me faire passer pour)\b"
        + @"|\b(un |le )?crack (pour|de|du)\b|\bversion crackee?\b|\bkeygen\b"
        + @"|\b(je veux|je voudrais|j'aimerais|il me faut|besoin d'une?|fais|faites|fai[st][- ]moi|faire|creer|creez|generer|generez|rediger|redigez|pouvez-vous|pourriez-vous|peux-tu|tu peux|vous pouvez)\b.{0,30}?\b(une |un )?(fausse facture|faux (bon de commande|avoir|recu|justificatif)|fausse attestation)\b|\bfacture antidatee\b"
        + @"|\b(compte|espace client|ibox|mails?|boite mail|session|v-room)\b.{0,40}?\b(sans (son|sa|leur) (mot de passe|accord|autorisation|consentement)|sans qu'(il|elle|ils|elles) (le sache|le sachent|accepte|s'en rende))",
        RegexOptions.CultureInvariant)]
    private static partial Regex IllegalFrench();

    [GeneratedRegex(
        @"\b(how (do|can|could) i|how to|help me|show me how to|teach me to|i want to)\b.{0,40}?\b(hack|crack|bruteforce|brute force|spy on|break into|bypass (the )?(payment|licen[cs]e|2fa|login))\b"
        + @"|\b(a |the )?(crack|keygen) for\b"
        + @"|\b(someone else'?s|my (neighbou?r|ex|colleague|boss)'?s?) (account|client space|password|ibox|mail)\b.{0,40}?\bwithout (him|her|them|his|her|their)\b"
        + @"|\bwrite (me )?a phishing\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex IllegalEnglish();

    /// <summary>
    /// Fraud asked politely, in words an honest request does not use: backdating, inflating an amount for an insurer or a
    /// benefit office, a VAT-free invoice with a story to tell, someone else's password or private documents, access
    /// "without them knowing".
    /// </summary>
    [GeneratedRegex(
        @"\b(antidat\w*|backdat\w*|post-?dat(e|er|ez|ing)\b)"
        + @"|\b(gonfler|gonflez|gonfle|gonfliez|surfacturer|surfacturez|majorer|majorez|inflate|inflating|pad|bump up)\b.{0,40}?\b(montant|facture|devis|heures|nombre|prix|amount|invoice|quote|hours|bill|price)s?\b"
        + @"|\b(montant|facture|devis|heures|amount|invoice|quote|hours)s?\b.{0,60}?\b(pour|for)\s+(l'|le |la |my |the |our |ma |mon |notre )?(assurance|assureur|mutuelle|caf|fisc|impots?|subvention|insurer|insurance|benefits office|tax office|subsidy)\b.{0,40}?\b(plus|gonfl|augment|higher|more|extra|rembours|reimburse|claim)"
        + @"|\b(date|dater|datee?|changer la date|modifier la date|change the date|date it)\b.{0,60}?\b(exercice (precedent|dernier|anterieur|d'avant)|(previous|last|prior) (fiscal|financial|tax) year)\b"
        + @"|\b(sans|without|no) (tva|vat)\b.{0,60}?\b(export|on dira|dire que|we'll say|say it's|pretend|fisc|tax office|personne ne)"
        + @"|\b(donne[rz]?|donnez[- ]moi|envoie[rz]?|envoyez[- ]moi|communique[rz]?|transmettre|give|send|tell)\b( me| moi)?.{0,20}?\b(mot de passe|password|login|identifiants?|credentials|codes? d'acces)\b.{0,15}?\b(de|d'|of)\s+(mon|ma|my)\s+(collegue|colleague|voisin|voisine|neighbou?r|ex|femme|mari|wife|husband|patron|boss|associe|associee|partner)\b"
        + @"|\b(facture|invoice|adresse|address|contrat|contract|releve|statement|donnees|data|dossier|file)s?\s+(de|d'|of)\s+(mon|ma|my)\s+(voisin|voisine|neighbou?r|ex|ex-femme|ex-mari|ex-wife|ex-husband)\b"
        + @"|\b(sans qu'(il|elle|ils|elles|on) (le|la|ne le) (sache|sachent|remarque)|sans qu'(il|elle) s'en (rende|aper[cç]oive)|ne s'en rendra (pas|jamais) compte|without (him|her|them) (knowing|noticing|finding out)|(he|she|they) won'?t (notice|know|find out))\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex Fraud();

    /// <summary>
    /// Hate phrased as a preference: not wanting to be served by people of an origin, a religion or a skin colour, or
    /// asking for "a real French" agent. Asking for a language ("un conseiller qui parle arabe") is not matched.
    /// </summary>
    [GeneratedRegex(
        @"\b(pas (de|d'|un|une|avec (un|une|des)?)|sans|aucun|aucune|no|without|not (a|an|by|with)|never|jamais|refuse|don'?t want|ne veux pas|veux pas|rather|plutot que|instead of)\b[^.!?]{0,40}?(?<!parle |parlent |parler |speak |speaks |speaking |en |l'|\b(materiel|produits?|composants?|pieces|fabrication|marques?|serveurs?|hebergement|cloud|sites?|telephones?|clavier|caracteres|langue|version|traduction|sous-titres|cuisine|restaurant|plats?|cartes?|banques?|numeros?|virements?|comptes?|fournisseurs?|made in|products?|parts|hardware|servers?|brands?|characters|keyboard|language|version|translation|subtitles|food|cards?|banks?|numbers?|transfers?|accounts?|suppliers?|hosting)\s+)\b(arabes?|bougnoules?|renois|negres?|chinois|chinoises?|chinetoques?|asiatiques?|juifs?|juives?|musulmans?|musulmanes?|etrangers?|etrangeres?|africains?|africaines?|maghrebins?|beurs?|rebeus?|roms?|gitans?|chinese|asians?|jews?|jewish|muslims?|foreigners?|africans?|arabs?|pakis?|immigrants?|migrants?|voilee?s?|headscarf|hijab|burqa|turban)\b(?!\s+(caracteres?|characters?|clavier|keyboard|langue|language|cartes?|cards?|numeros?|numbers?|virements?|transfers?|banques?|banks?|comptes?|accounts?|sites?|serveurs?|servers?|fournisseurs?|suppliers?|produits?|products?|sous-titres?|subtitles?|version|texte|text|lettres?|letters?|alphabet|pays|countries|country|paiements?|payments?|iban|cb|ip|vpn|prestataires?|hebergeurs?|hosting|cloud|apps?|applications?|logiciels?|software|food|cuisine|restaurants?))"
        + @"|\b(vrai|vraie|bon|bonne|bien|100 ?%|pure?|de souche)\s+(francais|francaise|blanc|blanche)\b.{0,30}?\b(conseiller|conseillere|agent|technicien|technicienne|personne|interlocuteur|svp|s'il vous plait|au telephone)"
        + @"|\b(conseiller|conseillere|agent|technicien|technicienne|personne|interlocuteur)\s+(bien |vraiment |100 ?% )?(francais|francaise|blanc|blanche) de souche\b"
        + @"|\b(a real|a proper|a native|an actual) (white|english|british|french)(-born)? (person|agent|guy|man|woman|rep|representative)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex HatePreferencePattern();

    [GeneratedRegex(
        @"\b(ignore|oublie|oubliez|ignorez)\b.{0,20}?\b(tes|vos|toutes|les|ses)\b.{0,20}?\b(instructions|consignes|regles)\b"
        + @"|\b(ton prompt systeme|your system prompt|tu es (maintenant |desormais )?en mode (admin|developpeur)|you are now in (admin|developer) mode)\b"
        + @"|\b(ignore|forget|disregard)\b.{0,20}?\b(your|all|previous|the)\b.{0,20}?\b(instructions|rules|guidelines)\b"
        + @"|\b(affiche|donne|recite|montre|repete|print|show|reveal)[- ]?(moi|me)?\b.{0,30}?\b(ton prompt|tes instructions|tes consignes|your (hidden |system )?(prompt|instructions))\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex Injection();

    [GeneratedRegex(
        @"^\s*((?=(\D*\d){8})\+?[\d\s().-]{8,20}"
        + @"|((mon |my )?(e-?mail|adresse|address)\s*:?\s*)?@email"
        + @"|((mon |my )?(numero|n°|no|number)\s*(client|customer)?\s*(c'est|is)?\s*:?\s*)?[a-z]{2,4}-?[a-z]?\d{3,8}"
        + @"|accepter et valider|accepter|refuser|confirmer|modifier|annuler|passer|pas client|accept and continue|i accept|i refuse|confirm|change something|cancel|skip|not a customer"
        + @"|v-?room|ibox|espace client|autre|client space|other|incident|acces|access|facturation|billing|commande|order|reclamation|complaint|question"
        + @"|oui|non|yes|no|ok|okay|d'accord|merci|thanks|thank you)[\s.!]*$",
        RegexOptions.CultureInvariant)]
    private static partial Regex PlainAnswerPattern();
}
