namespace Assistant.Ticketing.Operators;

/// <summary>
/// The operators of this deployment. Until configuration overrides them, the two operators of the seeds.
/// Each profile can be replaced at run time by a whole new one (an admin's settings edit): readers get either
/// the old profile or the new one, never a mix, and the configured profile stays available for a reset.
/// </summary>
public sealed class OperatorCatalog : IOperatorCatalog
{
    private readonly Dictionary<string, OperatorProfile> _configured;
    private readonly Lock _writers = new();
    // Replaced whole on each change; readers take one reference and work on that snapshot.
    private volatile Snapshot _current;

    public OperatorCatalog(IEnumerable<OperatorProfile> operators)
    {
        var ordered = operators.ToList();
        _configured = ordered.ToDictionary(o => o.Id, StringComparer.OrdinalIgnoreCase);
        _current = new Snapshot(ordered);
    }

    public IReadOnlyList<OperatorProfile> All => _current.All;

    public OperatorProfile? Find(string id) => _current.ById.GetValueOrDefault(id);

    /// <summary>The profile as configuration built it, before any run-time edit; null for an unknown id.</summary>
    public OperatorProfile? Configured(string id) => _configured.GetValueOrDefault(id);

    /// <summary>Serves <paramref name="profile"/> in place of the operator with the same id; false if there is none.</summary>
    public bool Replace(OperatorProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        lock (_writers)
        {
            var next = _current.All.ToArray();
            var index = Array.FindIndex(next, o => string.Equals(o.Id, profile.Id, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                return false;
            }

            next[index] = profile;
            _current = new Snapshot(next);
            return true;
        }
    }

    public static OperatorCatalog Defaults() => new(
    [
        new OperatorProfile
        {
            Id = "digisense",
            Name = "Digisense",
            ReferencePrefix = "DGS",
            CguVersion = "2026-01",
            CguUrl = "https://tickets.digisense.fr/cgu",
            SanctionClause = "Digisense 3",
            Products = ["vroom", "ibox", "client-space", "other"],
            BusinessHours = WeekDays(new TimeOnly(9, 0), new TimeOnly(18, 0)),
        },
        new OperatorProfile
        {
            Id = "icosnet",
            Name = "ICOSNET",
            ReferencePrefix = "ICN",
            CguVersion = "2026-01",
            CguUrl = "https://apps.icosnet.com/cgu",
            SanctionClause = "ICOSNET 5 / Digisense 3",
            Products = ["vroom", "ibox", "client-space", "other"],
            BusinessHours = WeekDays(new TimeOnly(8, 30), new TimeOnly(17, 30)),
        },
    ]);

    private static List<BusinessDay> WeekDays(TimeOnly opens, TimeOnly closes) =>
        [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(day => new BusinessDay { Day = day, Opens = opens, Closes = closes })];

    private sealed class Snapshot(IReadOnlyList<OperatorProfile> all)
    {
        public IReadOnlyList<OperatorProfile> All { get; } = all.ToArray().AsReadOnly();

        public Dictionary<string, OperatorProfile> ById { get; } = all.ToDictionary(o => o.Id, StringComparer.OrdinalIgnoreCase);
    }
}
