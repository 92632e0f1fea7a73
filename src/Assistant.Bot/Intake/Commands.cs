using System.Text.RegularExpressions;
using Assistant.Moderation.Rules;

namespace Assistant.Bot.Intake;

/// <summary>What a message asks of the dialog itself, independent of the ticket being described.</summary>
public enum Command
{
    None,
    Help,
    Cancel,
    Restart,
    MyTickets,
    TicketStatus,
    AddToTicket,
    Human,
    Yes,
    No,
    Modify,
    AcceptTerms,
    RefuseTerms,
    Skip,
    /// <summary>"rouvrir DGS-2026-000123": the requester reopens a ticket closed with its incident.</summary>
    Reopen,
}

public static partial class Commands
{
    /// <summary>Recognises short command phrases in French and English, with or without accents.</summary>
    public static Command Detect(string text, ExtractedEntities entities)
    {
        var folded = EntityExtractor.Fold(text).Trim().TrimEnd('.', '!', ' ');
        if (folded.Length == 0)
        {
            return Command.None;
        }
        if (AcceptPattern().IsMatch(folded))
        {
            return Command.AcceptTerms;
        }
        if (RefusePattern().IsMatch(folded))
        {
            return Command.RefuseTerms;
        }
        if (entities.TicketReferences.Count == 1 && ReopenPattern().IsMatch(folded))
        {
            return Command.Reopen;
        }
        if (entities.TicketReferences.Count > 0 && (StatusPattern().IsMatch(folded) || folded.Length <= 20))
        {
            return Command.TicketStatus;
        }
        // One reference with something to say about it: information for that ticket.
        if (entities.TicketReferences.Count == 1 && folded.Length >= entities.TicketReferences[0].Length + 15)
        {
            return Command.AddToTicket;
        }
        if (MyTicketsPattern().IsMatch(folded))
        {
            return Command.MyTickets;
        }
        if (ConversationalIntents.AsksForPerson(folded))
        {
            return Command.Human;
        }
        if (HelpPattern().IsMatch(folded))
        {
            return Command.Help;
        }
        if (RestartPattern().IsMatch(folded))
        {
            return Command.Restart;
        }
        if (CancelPattern().IsMatch(folded))
        {
            return Command.Cancel;
        }
        if (ModifyPattern().IsMatch(folded))
        {
            return Command.Modify;
        }
        if (SkipPattern().IsMatch(folded))
        {
            return Command.Skip;
        }
        if (YesPattern().IsMatch(folded))
        {
            return Command.Yes;
        }
        if (NoPattern().IsMatch(folded))
        {
            return Command.No;
        }
        return Command.None;
    }

    /// <summary>
    /// True when the whole message is one of the dialog's own short phrases (a suggested action, "aide",
    /// "je veux parler à un conseiller"): nothing else is said, so there is nothing to moderate. Text
    /// classifiers are unreliable on such few words and must not refuse a button the bot itself offered.
    /// </summary>
    public static bool IsExactCommand(string text)
    {
        var folded = EntityExtractor.Fold(text).Trim().TrimEnd('.', '!', ' ');
        return folded.Length > 0 && (
            AcceptPattern().IsMatch(folded) || RefusePattern().IsMatch(folded) || MyTicketsOnlyPattern().IsMatch(folded)
            || HumanOnlyPattern().IsMatch(folded) || HelpPattern().IsMatch(folded) || RestartPattern().IsMatch(folded)
            || CancelPattern().IsMatch(folded) || ModifyPattern().IsMatch(folded) || SkipPattern().IsMatch(folded)
            || YesPattern().IsMatch(folded) || NoPattern().IsMatch(folded));
    }

    [GeneratedRegex(@"^(?:mes (?:demandes|tickets|requetes)|my (?:tickets|requests))$")]
    private static partial Regex MyTicketsOnlyPattern();

    [GeneratedRegex(@"^(?:(?:bonjour|bonsoir|hello|hi),? )?(?:(?:je (?:veux|voudrais|souhaite|souhaiterais|prefere)|j'aimerais|puis-je|est-ce que je peux|i want to|i'd like to|i would like to|can i|let me) )?(?:parler|discuter|talk|speak) (?:a|avec|to|with) (?:un conseiller|une conseillere|un humain|une personne|un agent|quelqu'un|someone|a human|an agent|a person|a real person)(?: humain| du support)?(?:,? (?:svp|s'il vous plait|merci|please|thanks))?$")]
    private static partial Regex HumanOnlyPattern();

    [GeneratedRegex(@"^(?:j'?accepte|accepter(?: et valider)?|valider|i accept|accept(?: and continue)?|agree|i agree)$")]
    private static partial Regex AcceptPattern();

    [GeneratedRegex(@"^(?:je refuse|refuser|refus|i refuse|refuse|decline|i decline)$")]
    private static partial Regex RefusePattern();

    [GeneratedRegex(@"\b(?:ou en est|statut|etat|status|suivi|avancement|where is|what about|news)\b")]
    private static partial Regex StatusPattern();

    [GeneratedRegex(@"^(?:mes (?:demandes|tickets|requetes)|suivre mes (?:demandes|tickets)|voir mes (?:demandes|tickets)|liste(?:r)? (?:de )?mes (?:demandes|tickets)|my (?:tickets|requests)|show my (?:tickets|requests)|list my (?:tickets|requests))\b")]
    private static partial Regex MyTicketsPattern();

    /// <summary>True when the message asks for a person, alone or with a problem (<see cref="ConversationalIntents.AsksForPerson"/>).</summary>
    public static bool AsksForPerson(string text) => ConversationalIntents.AsksForPerson(EntityExtractor.Fold(text));

    [GeneratedRegex(@"^(?:aide|help|\?|que (?:peux|sais)[- ]tu faire.*|comment ca marche|what can you do.*|menu)$")]
    private static partial Regex HelpPattern();

    [GeneratedRegex(@"^(?:recommencer|on recommence|reprendre (?:a|du) (?:zero|debut)|nouvelle demande|nouveau ticket|restart|start over|new (?:ticket|request))$")]
    private static partial Regex RestartPattern();

    [GeneratedRegex(@"^(?:annuler|annule|laisse tomber|abandonner|stop|cancel|never ?mind|forget it)$")]
    private static partial Regex CancelPattern();

    [GeneratedRegex(@"^(?:modifier|corriger|changer|edit|change|modify|correct)$")]
    private static partial Regex ModifyPattern();

    [GeneratedRegex(@"^(?:passer|ignorer|pas de (?:telephone|numero)|je n'ai pas de (?:telephone|numero)|skip|no phone|none)$")]
    private static partial Regex SkipPattern();

    [GeneratedRegex(@"^(?:oui|ouais|ok|d'accord|daccord|c'est bon|c'est correct|confirmer|je confirme|valide|parfait|exact|yes|yep|yeah|confirm|correct|that's right|sure)$")]
    private static partial Regex YesPattern();

    [GeneratedRegex(@"^(?:rouvrir|reouvrir|reopen)\b")]
    private static partial Regex ReopenPattern();

    [GeneratedRegex(@"^(?:non|nope|no|pas vraiment|not really)$")]
    private static partial Regex NoPattern();
}
