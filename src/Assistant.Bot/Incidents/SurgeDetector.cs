using Assistant.Bot.Auth;
using Assistant.Bot.Intake;
using Assistant.Ticketing.Notices;
using Assistant.Ticketing.Operators;
using Assistant.Ticketing.Tickets;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Incidents;

/// <summary>
/// Finds floods of reports that look like one outage: within the window, open reports (not linked to an incident) on
/// the same product and category, both from triage, whose descriptions share enough significant words. A group that
/// reaches the threshold is a suggested incident; the agent declares it in one call and the reports are linked.
/// </summary>
public sealed class SurgeDetector(ITicketService tickets, NoticeBoard board, IOperatorCatalog operators, IOptions<IncidentOptions> options)
{
    // Words too common in support messages to say two reports are about the same thing.
    private static readonly HashSet<string> Common = new(StringComparer.Ordinal)
    {
        "bonjour", "merci", "depuis", "dans", "pour", "plus", "avec", "mais", "nous", "vous", "sont", "cette", "notre",
        "votre", "tous", "tout", "toute", "toutes", "matin", "aujourd'hui", "encore", "alors", "quand", "comme", "fait",
        "hello", "thanks", "since", "with", "from", "that", "this", "have", "there", "when", "today", "morning", "still",
    };

    public IReadOnlyList<SurgeSuggestion> Suggestions(StaffScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var settings = options.Value;
        var since = board.Now - settings.SurgeWindow;
        var found = new List<SurgeSuggestion>();
        foreach (var profile in operators.All.Where(p => scope.CanSee(p.Id)))
        {
            var recent = tickets.Query(new TicketQuery(OperatorId: profile.Id, Limit: 500))
                .Where(t => t.CreatedAt >= since && IsUnlinkedReport(t) && t.Product != "other")
                .OrderBy(t => t.CreatedAt)
                .ToList();
            foreach (var group in recent.GroupBy(t => (t.Product, t.Category)))
            {
                if (board.ActiveIncident(profile.Id, group.Key.Product) is not null)
                {
                    continue; // already declared: new reports are linked from the chat
                }
                var clusters = new List<(HashSet<string> Seed, List<Ticket> Members)>();
                foreach (var ticket in group)
                {
                    var words = Words($"{ticket.Title} {ticket.Description}");
                    var index = clusters.FindIndex(c => Overlap(c.Seed, words) >= settings.SurgeSimilarity);
                    if (index < 0)
                    {
                        clusters.Add((words, [ticket]));
                    }
                    else
                    {
                        clusters[index].Members.Add(ticket);
                    }
                }
                found.AddRange(clusters
                    .Where(c => c.Members.Count >= settings.SurgeThreshold)
                    .Select(c => new SurgeSuggestion(
                        profile.Id, group.Key.Product, group.Key.Category, c.Members[0].Title, c.Members.Count,
                        c.Members[0].CreatedAt, c.Members[^1].CreatedAt, [.. c.Members.Select(t => t.Reference)])));
            }
        }
        return found;
    }

    /// <summary>A report that can still be linked: not an incident itself, not linked, not finished or quarantined.</summary>
    public static bool IsUnlinkedReport(Ticket ticket) =>
        !ticket.IsIncident && ticket.IncidentReference is null
        && ticket.Status is TicketStatuses.New or TicketStatuses.Open or TicketStatuses.Pending;

    private static HashSet<string> Words(string text) =>
        [.. EntityExtractor.Fold(text)
            .Split((char[])[' ', ',', '.', ';', ':', '!', '?', '(', ')', '"', '«', '»', '\n', '\r', '\t', '-', '/', '\''], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length >= 4 && !Common.Contains(w))];

    /// <summary>Shared words over the shorter set's size: a short report inside a longer one still counts as similar.</summary>
    private static double Overlap(HashSet<string> a, HashSet<string> b) =>
        a.Count == 0 || b.Count == 0 ? 0 : (double)a.Count(b.Contains) / Math.Min(a.Count, b.Count);
}

/// <param name="Tickets">The reports, oldest first.</param>
public sealed record SurgeSuggestion(
    string Operator,
    string Product,
    string Category,
    string Sample,
    int Count,
    DateTimeOffset FirstAt,
    DateTimeOffset LastAt,
    IReadOnlyList<string> Tickets);

/// <summary>Declares a suggested incident: the reports to link, and the message (the first report's title when omitted).</summary>
public sealed record SurgeDeclareRequest(string? Operator, string? Product, List<string>? Tickets, string? MessageFr, string? MessageEn);
