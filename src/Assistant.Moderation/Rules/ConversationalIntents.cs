using System.Text.RegularExpressions;

namespace Assistant.Moderation.Rules;

/// <summary>
/// Chat turns that carry no content of their own, recognised before the text models decide: a request for a person,
/// thanks and closings, acknowledgements ("d'accord, je vais essayer et je reviens vers vous"), yes and no, greetings
/// and vague openers ("bonjour, j'ai un souci"). The whole message must be made of such phrases, from closed lists of
/// words with no insult among them, so a message that says anything else (an insult included) goes to the models.
/// Short turns like these are far from the sentences the models learn from; scoring them punished polite customers.
/// </summary>
public static partial class ConversationalIntents
{
    public const string Human = "intent:human";
    public const string Opener = "intent:opener";
    public const string Thanks = "intent:thanks";
    public const string Acknowledgement = "intent:acknowledgement";
    public const string YesNo = "intent:yes-no";
    public const string Greeting = "intent:greeting";

    /// <summary>The intent of a message made only of such phrases, or null. Expects <c>TextNormalizer.ForMatching</c> text.</summary>
    public static string? Match(string matchingText)
    {
        ArgumentNullException.ThrowIfNull(matchingText);
        var text = SpacesPattern().Replace(SymbolPattern().Replace(matchingText, " "), " ").Trim();
        if (text.Length == 0 || text.Length > 160 || IsRepetition(text))
        {
            return null;
        }

        // Which phrase kinds can cover the text up to each position: the message matches when one path reaches the end.
        var reached = new int[text.Length + 1];
        reached[0] = 1 << Phrases.Length;
        for (var position = 0; position < text.Length; position++)
        {
            if (reached[position] == 0)
            {
                continue;
            }

            for (var kind = 0; kind < Phrases.Length; kind++)
            {
                var phrase = Phrases[kind].Match(text, position);
                if (phrase.Success && phrase.Length > 0)
                {
                    var end = Math.Min(text.Length, phrase.Index + phrase.Length + 1);
                    reached[end] |= reached[position] | (1 << kind);
                }
            }
        }

        var kinds = reached[text.Length];
        if (kinds == 0)
        {
            return null;
        }

        // The most telling phrase names the intent: a person asked for matters more than the "merci" around it.
        for (var kind = 0; kind < Phrases.Length; kind++)
        {
            if ((kinds & (1 << kind)) != 0)
            {
                return Names[kind];
            }
        }

        return null;
    }

    /// <summary>
    /// True when the message asks for a person, alone or with a problem ("je n'arrive plus à me connecter, je veux parler
    /// à un conseiller"): a verb of reaching someone before a person, a bare "un conseiller svp", or "pas un robot". A person
    /// merely mentioned ("une personne de mon équipe ne peut plus se connecter") does not count. Expects folded text.
    /// </summary>
    public static bool AsksForPerson(string foldedText)
    {
        ArgumentNullException.ThrowIfNull(foldedText);
        return AskedPersonPattern().IsMatch(foldedText);
    }

    /// <summary>"bonjour bonjour bonjour bonjour": one word said four times or more is a flood, for the models to judge.</summary>
    private static bool IsRepetition(string text)
    {
        var words = text.Split(' ');
        return words.Length >= 4 && words.GroupBy(w => w, StringComparer.Ordinal).Max(g => g.Count()) >= 4;
    }

    private static readonly string[] Names = [Human, Opener, Thanks, Acknowledgement, YesNo, Greeting];

    private static readonly System.Text.RegularExpressions.Regex[] Phrases =
        [HumanPhrase(), OpenerPhrase(), ThanksPhrase(), AcknowledgementPhrase(), YesNoPhrase(), GreetingPhrase()];

    private const string HumanAtoms =
        @"(?:(?:je (?:veux|voudrais|souhaite|souhaiterais|prefere|prefererais|demande a)|j'(?:aimerais|exige|voudrais)|jveux|est ce que je peux|puis je|pourrais je|peut on|on peut|je peux|je dois|il faut que je|merci de me faire|possible de|c'est possible de|je cherche a)\s+)?"
        + @"(?:parler|discuter|echanger|etre (?:mis|mise) en (?:relation|contact)|etre rappele|etre rappelee|avoir|joindre|contacter)\s+(?:a|avec|au|aux)?\s*(?:un|une|le|la|des|quelqu'un|qqn|vrai|vraie|vrais|vraies|\s)*"
        + @"(?:conseiller|conseillere|conseillers|humain|humaine|humains|personne|agent|agents|operateur|operatrice|technicien|technicienne|interlocuteur|interlocutrice|quelqu'un|qqn|etre humain|service client|support|responsable)"
        + @"(?:\s+(?:humain|humaine|reel|reelle|du support|du service client|de chez vous|physique|en chair et en os|au telephone|par telephone|svp|s'il vous plait|s'il te plait|merci|rapidement|vite|maintenant|tout de suite))*"
        + @"|(?:(?:un|une|des|quelqu'un|qqn)\s+)?(?:conseiller|conseillere|humain|humaine|agent|operateur|operatrice|vrai|vraie|reel|reelle|\s)*(?:conseiller|conseillere|humain|humaine|agent|operateur|operatrice|une personne|quelqu'un|qqn)"
        + @"|(?:passez|passe|mettez|mets|transferez|transfere|redirigez|redirige)[- ]?(?:moi|nous)\s+(?:a|avec|en relation avec|vers)?\s*(?:un|une|le|la|quelqu'un|qqn|\s)*(?:conseiller|conseillere|humain|humaine|personne|agent|operateur|operatrice|responsable|technicien|technicienne|quelqu'un|qqn)(?:\s+(?:humain|humaine|reel|reelle|svp))*"
        + @"|(?:pas|plus|je ne veux pas parler|je veux pas parler|pas envie de parler)\s+(?:a|avec)?\s*(?:un|une|le|la|votre|ton|ce)?\s*(?:robot|bot|chatbot|machine|ia|assistant virtuel|automate)"
        + @"|(?:(?:i|we) (?:want|need|would like|d like|'d like)|can (?:i|we)|could (?:i|we)|may i|let me|please let me|i wanna|i'd rather|id like)?\s*(?:to\s+)?(?:talk|speak|chat)\s+(?:to|with)\s+(?:a|an|the|someone|somebody|real|live|actual|\s)*(?:human|humans|person|agent|representative|rep|operator|someone|somebody|human being|support person|staff member|manager|supervisor)"
        + @"|(?:get|put|transfer|connect|escalate)\s+(?:me|us)\s+(?:to|through to|with)?\s*(?:a|an|the|someone|somebody|real|live|actual|\s)*(?:human|person|agent|representative|rep|operator|someone|somebody|supervisor|manager)"
        + @"|(?:a|an|real|live|actual|human|\s)*(?:human|person|agent|representative|operator)(?:\s+(?:please|pls|plz|now|asap))*"
        + @"|(?:not|no|no more|not another|i don't want(?: to talk to)?)\s+(?:a|an|the|this)?\s*(?:bot|bots|robot|robots|machine|chatbot|ai)";

    private const string OpenerAtoms =
        @"(?:j'ai|jai|on a|nous avons|i have|i've got|i got|we have|got)\s+(?:un|une|a|an|encore un|encore une|un petit|une petite|un gros|une grosse|a small|a big|a quick|quelques|some|une autre|another)?\s*(?:souci|soucis|probleme|problemes|pb|pbs|prob|question|questions|demande|requete|reclamation|bug|panne|problem|problems|issue|issues|question|request|complaint|query)"
        + @"|(?:je (?:voudrais|veux|souhaite|souhaiterais)|j'(?:aimerais|ai besoin d'|ai besoin de)|i (?:want|would like|need|'d like)|i'd like|id like)\s+(?:to\s+)?(?:signaler|declarer|faire|ouvrir|poser|deposer|report|open|raise|file|ask|make|submit|de l'aide|d'aide|aide|help|assistance|un renseignement|une information|des informations|some help|some information)(?:\s+(?:un|une|a|an|des)?\s*(?:probleme|souci|ticket|demande|question|reclamation|incident|problem|issue|ticket|request|question|complaint))?"
        + @"|(?:besoin d'aide|besoin d'un coup de main|aidez[- ]moi|aide[- ]moi|help me|help needed|need help|i need help|i need some help|can you help(?: me)?|could you help(?: me)?|pouvez[- ]vous m'aider|vous pouvez m'aider|tu peux m'aider|quelqu'un peut m'aider|j'ai besoin d'aide|help|aide|au secours|sos|ca marche pas|ca ne marche pas|it doesn't work|it's not working|not working|rien ne marche)";

    private const string ThanksAtoms =
        @"(?:merci|mercii|mrc|mci|thx|thanks|thank you|thank u|ty|cheers|many thanks|much appreciated|appreciated)(?:\s+(?:beaucoup|bcp|infiniment|mille fois|encore|a vous|a toi|pour tout|pour votre aide|pour ton aide|pour la reponse|pour l'info|pour les infos|de votre aide|so much|a lot|a bunch|very much|again|for your help|for the help|for everything|for the info|guys|team|l'equipe))*"
        + @"|(?:bonne|bonnes|excellente|belle|have a|a)\s+(?:journee|soiree|fin de journee|week end|weekend|semaine|continuation|good day|nice day|great day|good one|good weekend|nice weekend|bientot|plus|\+)"
        + @"|(?:au revoir|a bientot|a plus|a\+|bye|goodbye|bye bye|see you|see ya|ciao|salut a vous|bisous|cordialement|bien cordialement|regards|best regards|kind regards|bonne continuation)"
        + @"|(?:parfait|super|genial|top|nickel|impeccable|excellent|formidable|trop bien|great|perfect|awesome|brilliant|cool|nice|sweet|lovely|wonderful|fantastic|tres bien|c'est parfait|c'est top|c'est genial|c'est nickel|c'est super|that's great|that's perfect|all good|all sorted|sorted|resolu|c'est resolu|c'est regle|probleme resolu|ca marche maintenant|ca marche|ca fonctionne|ca remarche|it works now|it works|it's working|works now|tout fonctionne|tout marche|everything works)";

    private const string AcknowledgementAtoms =
        @"(?:d'accord|dac|dacc|daccord|ok|okay|okk|oki|okey|k|kk|entendu|compris|bien recu|bien note|c'est note|note|ca marche|ca roule|ca me va|pas de souci|pas de probleme|aucun souci|sans souci|tres bien|bon|bien|alright|all right|got it|understood|noted|fine|sounds good|no problem|no worries|sure thing|will do|roger)"
        + @"|(?:je vais|j'vais|jvais|je vais le|on va|i'll|i will|we'll|let me|je|i)\s+(?:essayer|tester|voir|regarder|verifier|faire|attendre|patienter|le faire|ca|cela|try|test|check|have a look|take a look|give it a go|give it a try|wait|do that|look)(?:\s+(?:ca|cela|ceci|ca de suite|tout de suite|de suite|maintenant|demain|ce soir|it|that|this|now|tomorrow|later|again|ca maintenant|et je reviens vers vous|et je vous redis|et je vous tiens au courant|et je vous dis|and get back to you|and let you know|and come back))*"
        + @"|(?:je reviens vers vous|je vous redis|je vous tiens au courant|je vous tiens informe|je vous recontacte|je reviendrai vers vous|je vous dirai|je vous dis|i'll get back to you|i will get back to you|i'll let you know|i will let you know|i'll come back|will get back to you|get back to you|let you know)"
        + @"|(?:j'attends|jattends|je patiente|j'attends votre retour|j'attends votre reponse|i'll wait|i will wait|waiting|en attente|toujours la|vous etes la|tu es la|still there|are you there|anyone there|hello\s*\?|allo)";

    private const string YesNoAtoms =
        @"(?:oui|ouais|ouai|ouep|yes|yep|yeah|yup|ya|si|bien sur|evidemment|absolument|exactement|exact|tout a fait|affirmatif|voila|c'est ca|c'est bien ca|correct|that's right|that's it|right|of course|definitely|non|nan|no|nope|nah|pas du tout|pas vraiment|not really|absolutely not|non merci|no thanks|no thank you|peut etre|maybe|perhaps|je ne sais pas|je sais pas|jsp|chais pas|i don't know|dunno|not sure|pas sur)";

    private const string GreetingAtoms =
        @"(?:bonjour|bonjours|bjr|bonsoir|bsr|salut|slt|coucou|hello|helo|hi|hey|hiya|good morning|good afternoon|good evening|morning|re|rebonjour|re bonjour|yo|allo|madame|monsieur|messieurs|mesdames|madame monsieur|a vous|a l'equipe|l'equipe|la team|team|there|everyone|all|guys)"
        + @"|(?:svp|stp|s'il vous plait|s'il te plait|please|pls|plz|merci d'avance|thanks in advance|desole|desolee|pardon|excusez moi|sorry|excuse me|encore|again|aussi|also|alors|du coup|bon|ben|euh|hmm|hum|ah|oh|eh|bah|maintenant|now|vraiment|really|so|very|tres|trop|tout|all|bien|vous|you|a vous|guys)";

    // Emoji, pictographs and most punctuation between the phrases.
    [GeneratedRegex(@"[\p{So}\p{Sk}\p{Cs}\u200d\ufe0f.,;:!?¿¡()\[\]""«»…*~_/-]+", RegexOptions.CultureInvariant)]
    private static partial Regex SymbolPattern();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex SpacesPattern();

    // Each phrase kind, anchored where the previous phrase ended and ending at a word boundary.
    [GeneratedRegex(@"\G(?:" + HumanAtoms + @")(?= |$)", RegexOptions.CultureInvariant)]
    private static partial Regex HumanPhrase();

    [GeneratedRegex(@"\G(?:" + OpenerAtoms + @")(?= |$)", RegexOptions.CultureInvariant)]
    private static partial Regex OpenerPhrase();

    [GeneratedRegex(@"\G(?:" + ThanksAtoms + @")(?= |$)", RegexOptions.CultureInvariant)]
    private static partial Regex ThanksPhrase();

    [GeneratedRegex(@"\G(?:" + AcknowledgementAtoms + @")(?= |$)", RegexOptions.CultureInvariant)]
    private static partial Regex AcknowledgementPhrase();

    [GeneratedRegex(@"\G(?:" + YesNoAtoms + @")(?= |$)", RegexOptions.CultureInvariant)]
    private static partial Regex YesNoPhrase();

    [GeneratedRegex(@"\G(?:" + GreetingAtoms + @")(?= |$)", RegexOptions.CultureInvariant)]
    private static partial Regex GreetingPhrase();

    [GeneratedRegex(@"\b(?:parler|discuter|echanger|etre (?:mise?|mis) en (?:relation|contact)|etre rappelee?|avoir|joindre|contacter|passez[- ]moi|passe[- ]moi|mettez[- ]moi en relation avec|transferez[- ]moi (?:a|vers)|redirigez[- ]moi vers)\b[^.?!]{0,25}?\b(?:conseiller|conseillere|humain|humaine|une personne|un etre humain|quelqu'un|qqn|operateur|operatrice|un agent|un technicien|une technicienne|un interlocuteur|une interlocutrice)\b"
        + @"|^(?:(?:bonjour|hello|salut),? )?(?:(?:un|une) )?(?:conseiller|conseillere|humain|agent|operateur|operatrice|(?<=une )personne)(?: humaine?| reel(?:le)?)?(?:,? (?:svp|s'il vous plait|merci|please))?[ !?.]*$"
        + @"|\bpas (?:a |avec )?(?:un |une |le |ce |votre )?(?:robot|bot|chatbot|machine|automate)\b"
        + @"|\b(?:talk|speak|chat)\s+(?:to|with)\s+(?:a |an |the |some |real |live |actual )*(?:human|person|agent|representative|rep|operator|someone|somebody|real person|supervisor|manager)\b"
        + @"|\b(?:get|put|transfer|connect|escalate)\s+me\s+(?:to|through to|with)\s+(?:a |an |the |real |live |actual )*(?:human|person|agent|representative|operator|someone|somebody|supervisor)\b"
        + @"|\b(?:human|real person|live agent|actual person|human being)\s*(?:please|pls|plz|now|asap)\b|\b(?:not|no more|not another)\s+(?:a |an |the |this )?(?:bot|robot|machine|chatbot)\b"
        + @"|^(?:(?:hi|hello),? )?(?:a |an )?(?:human|agent|representative|operator|real person|live agent)(?:,? please)?$")]
    private static partial Regex AskedPersonPattern();
}
