using System.Text.RegularExpressions;
using Assistant.Ticketing.Storage;
using Assistant.Ticketing.Tickets;
using LiteDB;

namespace Assistant.Ticketing.Inbox;

/// <summary>
/// The team's inbox over the tickets collection. Pages walk an index on the next SLA due time (first response
/// until an agent answered publicly, then resolution), so the default order and the "Retard" view never sort
/// the whole collection; a page is read one ticket past its end to know whether another follows.
/// </summary>
public sealed partial class TicketInbox
{
    /// <summary>The next SLA due time of a ticket, as LiteDB evaluates it for the index and the queries.</summary>
    public const string DueExpression = "IIF(IS_NULL($.Sla.FirstResponseAt), $.Sla.FirstResponseDue, $.Sla.ResolutionDue)";
    public const string DueIndex = "InboxDue";
    public const int MaxPageSize = 100;
    public const int MaxSearchLength = 200;

    public static readonly TimeSpan CountsMinAge = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan CountsMaxAge = TimeSpan.FromSeconds(30);

    private readonly TicketingDatabase _database;
    private readonly TimeProvider _time;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, CachedCounts> _counts = new(StringComparer.Ordinal);

    public TicketInbox(TicketingDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
        // Idempotent: built once on an existing file, then kept up to date by LiteDB on every write.
        _database.Tickets.EnsureIndex(DueIndex, DueExpression);
        _database.Tickets.EnsureIndex(t => t.UpdatedAt);
    }

    public InboxPage Page(InboxQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        Validate(query);
        var tickets = Filtered(query);
        tickets = query.Sort == InboxSorts.Newest
            ? tickets.OrderByDescending("$._id")
            : tickets.OrderBy(DueExpression);
        var size = query.PageSize;
        var found = tickets.Skip((query.Page - 1) * size).Limit(size + 1).ToList();
        var hasMore = found.Count > size;
        var shown = hasMore ? found[..size] : found;
        // Incidents are few on a page: one count on the incident index each.
        var linked = shown.Where(t => t.IsIncident).ToDictionary(t => t.Reference, t => LinkedCount(t.Reference), StringComparer.Ordinal);
        return new InboxPage(shown, query.Page, size, hasMore, linked);
    }

    /// <summary>How many reports are linked to an incident ticket, whatever their status.</summary>
    public int LinkedCount(string incidentReference) =>
        _database.Tickets.Count(TicketingDatabase.LinkedTo(incidentReference));

    /// <summary>The LiteDB plan of a page query: which index it walks (for tests and the benchmark).</summary>
    public BsonDocument Plan(InboxQuery query)
    {
        Validate(query);
        var tickets = Filtered(query);
        return (query.Sort == InboxSorts.Newest ? tickets.OrderByDescending("$._id") : tickets.OrderBy(DueExpression))
            .Limit(query.PageSize + 1).GetPlan();
    }

    /// <summary>
    /// The size of each console view, in one pass over the open and quarantined tickets of the scope (about a second
    /// at 100,000 tickets). Kept per scope and agent until a ticket changes (the latest <c>UpdatedAt</c>, read from
    /// its index), and at most <see cref="CountsMaxAge"/> (tickets turn late with time); under a stream of changes,
    /// recomputed at most every <see cref="CountsMinAge"/>.
    /// </summary>
    public InboxCounts Counts(IReadOnlyCollection<string>? operatorIds, string staffId, bool fresh = false)
    {
        var key = (operatorIds is null ? "*" : string.Join(",", operatorIds.Select(id => id.ToLowerInvariant()).Order(StringComparer.Ordinal))) + "|" + staffId;
        var now = _time.GetUtcNow();
        var version = LastChange();
        if (!fresh && _counts.TryGetValue(key, out var cached))
        {
            var age = now - cached.At;
            if (age < CountsMinAge || (cached.Version == version && age < CountsMaxAge))
            {
                return cached.Counts;
            }
        }

        var counts = Count(operatorIds, staffId, now.UtcDateTime);
        _counts[key] = new CachedCounts(counts, version, now);
        return counts;
    }

    // Every create and update sets UpdatedAt: the newest one says whether anything changed since the counts were taken.
    private DateTimeOffset LastChange() =>
        _database.Tickets.Query().OrderByDescending("$.UpdatedAt").Limit(1).FirstOrDefault()?.UpdatedAt ?? DateTimeOffset.MinValue;

    private InboxCounts Count(IReadOnlyCollection<string>? operatorIds, string staffId, DateTime now)
    {
        var statuses = new BsonArray(InboxStatuses.ActiveStatuses.Append(TicketStatuses.Quarantined).Select(s => new BsonValue(s)));
        var incidents = OpenIncidents(operatorIds).Select(i => i.AsString).ToHashSet(StringComparer.Ordinal);
        var rows = Scoped(operatorIds)
            .Where("$.Status IN @0", statuses)
            .Select("{ s: $.Status, a: $.AssigneeId, d: " + DueExpression + ", i: $.IncidentReference }")
            .ToDocuments();
        int active = 0, mine = 0, unassigned = 0, late = 0, quarantined = 0;
        foreach (var row in rows)
        {
            if (row["s"].AsString == TicketStatuses.Quarantined)
            {
                quarantined++;
                continue;
            }

            if (row["i"].IsString && incidents.Contains(row["i"].AsString))
            {
                continue;
            }

            active++;
            var assignee = row["a"].IsString ? row["a"].AsString : "";
            mine += assignee.Length > 0 && assignee == staffId ? 1 : 0;
            unassigned += assignee.Length == 0 ? 1 : 0;
            late += row["d"].IsDateTime && row["d"].AsDateTime.ToUniversalTime() < now ? 1 : 0;
        }

        return new InboxCounts(active, mine, unassigned, late, quarantined);
    }

    /// <summary>The references of the scope's incident tickets still to work (new, open, pending), through the incident index.</summary>
    private BsonArray OpenIncidents(IReadOnlyCollection<string>? operatorIds) =>
        new(Scoped(operatorIds)
            .Where(TicketingDatabase.IncidentTickets)
            .Where("$.Status IN @0", new BsonArray(InboxStatuses.ActiveStatuses.Select(s => new BsonValue(s))))
            .Select("{ r: $.Reference }")
            .ToDocuments()
            .Select(d => d["r"]));

    private ILiteQueryable<Ticket> Scoped(IReadOnlyCollection<string>? operatorIds)
    {
        var tickets = _database.Tickets.Query();
        return operatorIds is null
            ? tickets
            : tickets.Where("$.OperatorId IN @0", new BsonArray(operatorIds.Select(id => new BsonValue(id.ToLowerInvariant()))));
    }

    private ILiteQueryable<Ticket> Filtered(InboxQuery query)
    {
        var tickets = Scoped(query.OperatorIds);
        if (query.OperatorId is not null)
        {
            tickets = tickets.Where("$.OperatorId = @0", new BsonValue(query.OperatorId.ToLowerInvariant()));
        }

        if (query.Quarantined || query.Status == TicketStatuses.Quarantined)
        {
            tickets = tickets.Where("$.Status = @0", new BsonValue(TicketStatuses.Quarantined));
        }
        else if (query.Status == InboxStatuses.Active)
        {
            tickets = tickets.Where("$.Status IN @0", new BsonArray(InboxStatuses.ActiveStatuses.Select(s => new BsonValue(s))));
        }
        else if (query.Status == InboxStatuses.All)
        {
            tickets = tickets.Where("$.Status != @0", new BsonValue(TicketStatuses.Quarantined));
        }
        else
        {
            tickets = tickets.Where("$.Status = @0", new BsonValue(query.Status));
        }

        tickets = Equal(tickets, "Priority", query.Priority);
        tickets = Equal(tickets, "Category", query.Category);
        tickets = Equal(tickets, "Product", query.Product);
        if (query.Assignee == InboxAssignees.Mine)
        {
            tickets = tickets.Where("$.AssigneeId = @0", new BsonValue(query.StaffId));
        }
        else if (query.Assignee == InboxAssignees.Unassigned)
        {
            tickets = tickets.Where("IS_NULL($.AssigneeId) = true");
        }

        if (query.Late)
        {
            // The same expression as the index, so LiteDB walks the index range instead of every ticket.
            tickets = tickets.Where(DueExpression + " < @0", new BsonValue(_time.GetUtcNow().UtcDateTime));
        }

        var search = query.Search?.Trim() ?? "";
        if (query.Incident is not null)
        {
            tickets = tickets.Where(TicketingDatabase.LinkedTo(query.Incident.Trim().ToUpperInvariant()));
        }
        else if (search.Length == 0 && OpenIncidents(query.OperatorIds) is { Count: > 0 } incidents)
        {
            // Folded under their incident; a search still finds them, so an agent can look up one requester's report.
            tickets = tickets.Where("($.IncidentReference IN @0) = false", incidents);
        }

        if (ReferencePattern().IsMatch(search))
        {
            return tickets.Where("$.Reference = @0", new BsonValue(search.ToUpperInvariant()));
        }

        // Each word must appear somewhere; LIKE follows the database's case-insensitive collation.
        foreach (var word in search.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(8))
        {
            var pattern = new BsonValue("%" + word.Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal) + "%");
            tickets = tickets.Where(
                "($.Reference LIKE @0 OR $.Title LIKE @0 OR $.Description LIKE @0 OR $.Requester.Name LIKE @0 OR $.Requester.Email LIKE @0)",
                pattern);
        }

        return tickets;
    }

    private static ILiteQueryable<Ticket> Equal(ILiteQueryable<Ticket> tickets, string field, string? value) =>
        value is null ? tickets : tickets.Where($"$.{field} = @0", new BsonValue(value));

    private static void Validate(InboxQuery query)
    {
        if (query.Status is not (InboxStatuses.Active or InboxStatuses.All) && !Taxonomy.IsStatus(query.Status))
        {
            throw new InvalidTicketValueException("status", query.Status, $"must be active, all or one of {string.Join(", ", Taxonomy.Statuses)}");
        }

        Check("priority", query.Priority, Taxonomy.Priorities);
        Check("category", query.Category, Taxonomy.Categories);
        Check("product", query.Product, Taxonomy.Products);
        Check("assignee", query.Assignee, InboxAssignees.All);
        Check("sort", query.Sort, InboxSorts.All);
        if (query.Quarantined && query.Status is not (InboxStatuses.Active or TicketStatuses.Quarantined))
        {
            throw new InvalidTicketValueException("quarantined", "true", $"quarantined tickets have the status quarantined, not {query.Status}");
        }

        if (query.Incident is not null && !ReferencePattern().IsMatch(query.Incident.Trim()))
        {
            throw new InvalidTicketValueException("incident", query.Incident, "must be an incident ticket's reference");
        }

        if (query.Page < 1)
        {
            throw new InvalidTicketValueException("page", query.Page.ToString(System.Globalization.CultureInfo.InvariantCulture), "starts at 1");
        }

        if (query.PageSize is < 1 or > MaxPageSize)
        {
            throw new InvalidTicketValueException("pageSize", query.PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture), $"must be between 1 and {MaxPageSize}");
        }

        if (query.Search is { Length: > MaxSearchLength })
        {
            throw new InvalidTicketValueException("q", null, $"is longer than {MaxSearchLength} characters");
        }
    }

    private static void Check(string field, string? value, IReadOnlyList<string> allowed)
    {
        if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
        {
            throw new InvalidTicketValueException(field, value, $"must be one of {string.Join(", ", allowed)}");
        }
    }

    private sealed record CachedCounts(InboxCounts Counts, DateTimeOffset Version, DateTimeOffset At);

    [GeneratedRegex(@"^[A-Za-z]{2,10}-\d{4}-\d{1,9}$")]
    private static partial Regex ReferencePattern();
}
