using System.Globalization;
using System.Text;
using Assistant.Bot.SemanticKernel;
using Assistant.Ticketing.Tickets;

namespace Assistant.Bot.Intake;

/// <summary>How drafts and tickets read in the chat. Every user-supplied value is escaped for Markdown.</summary>
public static class TicketText
{
    public static string Summary(TicketDraft draft, string language)
    {
        var en = language == LanguageDetector.English;
        var lines = new StringBuilder();
        Line(lines, en ? "Problem" : "Problème", Shorten(draft.Description, 300));
        Line(lines, en ? "Service" : "Service", Choices.ProductTitle(draft.Product ?? "other", language));
        Line(lines, en ? "Type" : "Type", Choices.CategoryTitle(draft.Category ?? "question", language));
        Line(lines, en ? "Priority" : "Priorité", Choices.PriorityTitle(draft.Priority ?? "normal", language));
        Line(lines, en ? "Name" : "Nom", draft.Name);
        Line(lines, "E-mail", draft.Email);
        Line(lines, en ? "Phone" : "Téléphone", draft.Phone ?? (en ? "not given" : "non communiqué"));
        Line(lines, en ? "Customer number" : "Numéro client",
            draft.CustomerNumber is null ? (en ? "none" : "aucun")
            : draft.CustomerVerified ? $"{draft.CustomerNumber} ({(en ? "verified" : "vérifié")})"
            : draft.CustomerNumber);
        if (draft.Attachments.Count > 0)
        {
            Line(lines, en ? "Files" : "Fichiers", string.Join(", ", draft.Attachments.Select(a => a.Name)));
        }
        return lines.ToString().TrimEnd();
    }

    public static string List(IReadOnlyList<Ticket> tickets, string language)
    {
        var lines = new StringBuilder();
        foreach (var ticket in tickets.OrderByDescending(t => t.CreatedAt).Take(10))
        {
            lines.Append(CultureInfo.InvariantCulture, $"• {ticket.Reference} — {PlainText.OneLine(Shorten(ticket.Title, 70))} ({Choices.StatusTitle(ticket.Status, language)})\n");
        }
        return lines.ToString().TrimEnd();
    }

    public static Dictionary<string, string?> StatusValues(Ticket ticket, string language)
    {
        var culture = CultureInfo.GetCultureInfo(language == LanguageDetector.English ? "en-GB" : "fr-FR");
        var lastPublic = ticket.Comments.Where(c => !c.Internal && c.AuthorKind != "requester").OrderBy(c => c.At).LastOrDefault();
        var comment = lastPublic is null
            ? ""
            : $"\n\n{(language == LanguageDetector.English ? "Last reply from the team" : "Dernière réponse de l'équipe")} : {PlainText.OneLine(Shorten(lastPublic.Text, 400))}";
        return new()
        {
            ["reference"] = ticket.Reference,
            ["title"] = PlainText.OneLine(ticket.Title),
            ["status"] = Choices.StatusTitle(ticket.Status, language),
            ["priority"] = Choices.PriorityTitle(ticket.Priority, language),
            ["createdAt"] = ticket.CreatedAt.ToString("d", culture),
            ["lastComment"] = comment,
        };
    }

    /// <summary>"4 h" / "2 jours ouvrés": business time reads in hours below a working day, in days above.</summary>
    public static string Duration(TimeSpan businessTime, string language)
    {
        var en = language == LanguageDetector.English;
        if (businessTime <= TimeSpan.Zero)
        {
            return en ? "as soon as possible" : "dès que possible";
        }
        if (businessTime.TotalHours < 8)
        {
            var hours = Math.Max(1, (int)Math.Ceiling(businessTime.TotalHours));
            return en ? $"{hours} business hour{(hours > 1 ? "s" : "")}" : $"{hours} h ouvrée{(hours > 1 ? "s" : "")}";
        }
        var days = (int)Math.Ceiling(businessTime.TotalHours / 8);
        return en ? $"{days} business day{(days > 1 ? "s" : "")}" : $"{days} jour{(days > 1 ? "s" : "")} ouvré{(days > 1 ? "s" : "")}";
    }

    private static void Line(StringBuilder lines, string label, string? value) =>
        lines.Append(CultureInfo.InvariantCulture, $"• {label} : {PlainText.OneLine(value)}\n");

    private static string Shorten(string? text, int max) =>
        text is null ? "" : text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";
}
