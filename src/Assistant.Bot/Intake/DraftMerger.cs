using System.Globalization;
using System.Text.RegularExpressions;
using Assistant.Moderation.Data;
using Assistant.Moderation.Rules;

namespace Assistant.Bot.Intake;

/// <summary>
/// Applies what one message says to the draft: every entity it contains, whatever was asked (so a first
/// message with the whole story fills everything), plus the answer to the slot that was asked.
/// </summary>
public static partial class DraftMerger
{
    /// <returns>What happened, so the dialog can react (e.g. re-ask for an e-mail that did not parse).</returns>
    /// <param name="mayDescribe">False for a message that must not become the problem's description (moderation read it as off-topic).</param>
    public static MergeResult Merge(TicketDraft draft, Interpretation interpretation, string text, string? pendingSlot, bool mayDescribe = true)
    {
        var entities = interpretation.Entities;
        var changed = false;
        string? problem = null;

        if (entities.Email is { } email && email != draft.Email)
        {
            draft.Email = email;
            draft.CustomerVerified = false;
            draft.VerificationAttempted = false;
            changed = true;
        }
        if (entities.Phone is { } phone)
        {
            changed |= phone != draft.Phone;
            draft.Phone = phone;
            draft.PhoneSkipped = false;
        }
        if (entities.Name is { } name)
        {
            changed |= name != draft.Name;
            draft.Name = name;
        }
        if (entities.CustomerNumber is { } number && number != draft.CustomerNumber)
        {
            draft.CustomerNumber = number;
            draft.NotCustomer = false;
            draft.CustomerVerified = false;
            draft.VerificationAttempted = false;
            changed = true;
        }
        if (interpretation.Product is { } product && (pendingSlot == Slots.Product || interpretation.IsCorrection || entities.Product is not null))
        {
            changed |= product != draft.Product;
            draft.Product = product;
            draft.ProductConfirmed = true;
        }
        if (interpretation.Category is { } category && (pendingSlot == Slots.Category || interpretation.IsCorrection))
        {
            changed |= category != draft.Category;
            draft.Category = category;
            draft.CategoryConfirmed = true;
        }

        switch (pendingSlot)
        {
            case Slots.Name when entities.Name is null && LooksLikeName(text):
                draft.Name = TitleCase(text.Trim());
                changed = true;
                break;
            case Slots.Email when entities.Email is null && interpretation.Command == Command.None:
                problem = "InvalidEmail";
                break;
            case Slots.Phone when interpretation.Command is Command.Skip or Command.No:
                draft.PhoneSkipped = true;
                changed = true;
                break;
            case Slots.Phone when entities.Phone is null && interpretation.Command == Command.None:
                problem = "InvalidPhone";
                break;
            case Slots.CustomerNumber when entities.CustomerNumber is null:
                if (NotCustomerPattern().IsMatch(EntityExtractor.Fold(text).Trim()) || interpretation.Command is Command.No or Command.Skip)
                {
                    draft.NotCustomer = true;
                    changed = true;
                }
                else if (BareNumberPattern().Match(text) is { Success: true } bare)
                {
                    draft.CustomerNumber = "CL-" + bare.Groups["num"].Value;
                    draft.VerificationAttempted = false;
                    changed = true;
                }
                break;
        }

        var description = mayDescribe ? DescriptionPart(text, interpretation, pendingSlot) : null;
        if (description is not null)
        {
            draft.Description = draft.Description is null ? description : $"{draft.Description}\n{description}";
            changed = true;
        }
        return new MergeResult(changed, description is not null, problem);
    }

    /// <summary>
    /// The part of a message that describes the problem: kept when the dialog is waiting for a description,
    /// or when nothing was asked and the message says more than contact details.
    /// </summary>
    private static string? DescriptionPart(string text, Interpretation interpretation, string? pendingSlot)
    {
        if (interpretation.Command != Command.None || interpretation.IsCorrection)
        {
            return null;
        }
        var waitingForDescription = pendingSlot is null or Slots.Description;
        if (!waitingForDescription)
        {
            return null;
        }
        var words = CountWords(StripContact(text));
        var minimum = pendingSlot == Slots.Description ? 2 : 3;
        if (words < minimum)
        {
            return null;
        }
        // "I'd like to report a problem", "Hello, I need help" announce a problem without describing it: the assistant
        // asks for it. So do thanks, greetings and other turns made only of conversational phrases.
        var vague = (words <= 10 && VagueRequestPattern().IsMatch(EntityExtractor.Fold(text)) && EntityExtractor.FindProduct(text) is null)
            || ConversationalIntents.Match(TextNormalizer.ForMatching(text)) is not null;
        return vague ? null : text.Trim();
    }

    [GeneratedRegex(@"\b(?:un|une|a|an|mon|my)\s+(?:petit\s+|gros\s+|small\s+|big\s+)?(?:probleme|souci|ticket|demande|requete|reclamation|request|problem|issue|question|incident|complaint)\b")]
    private static partial Regex VagueRequestPattern();

    private static string StripContact(string text) => ContactPattern().Replace(text, " ");

    private static int CountWords(string text) =>
        text.Split([' ', '\n', '\t', ',', '.', ';', '!', '?'], StringSplitOptions.RemoveEmptyEntries).Count(w => w.Any(char.IsLetter));

    private static bool LooksLikeName(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length is >= 2 and <= 60
            && trimmed.All(c => char.IsLetter(c) || c is ' ' or '-' or '\'' or '’' or '.')
            && trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 5;
    }

    private static string TitleCase(string text) =>
        CultureInfo.GetCultureInfo("fr-FR").TextInfo.ToTitleCase(text.ToLowerInvariant());

    [GeneratedRegex(@"^(?:pas client|je ne suis pas client|pas de numero(?: client)?|aucun|not a customer|i'm not a customer|no customer number|none)$")]
    private static partial Regex NotCustomerPattern();

    [GeneratedRegex(@"^\s*(?:n°|no\.?|#)?\s*(?<num>\d{5,8})\s*$")]
    private static partial Regex BareNumberPattern();

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}|(?:\+|00)?\d[\d .\-()]{7,18}\d|\b(?:CL|DGS|ICN)-[C\d-]+|(?:je m'appelle|mon nom est|my name is)\s+\S+(?:\s+\S+)?", RegexOptions.IgnoreCase)]
    private static partial Regex ContactPattern();
}

/// <param name="Changed">The draft changed.</param>
/// <param name="DescriptionAdded">The message added to the problem description (triage must run again).</param>
/// <param name="Problem">A reply key when the asked slot's answer was not usable.</param>
public sealed record MergeResult(bool Changed, bool DescriptionAdded, string? Problem);
