namespace Assistant.Ticketing.Operators;

/// <summary>The operators of this deployment. Until configuration overrides them, the two operators of the seeds.</summary>
public sealed class OperatorCatalog(IEnumerable<OperatorProfile> operators) : IOperatorCatalog
{
    private readonly Dictionary<string, OperatorProfile> _byId =
        operators.ToDictionary(o => o.Id, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<OperatorProfile> All => [.. _byId.Values];

    public OperatorProfile? Find(string id) => _byId.GetValueOrDefault(id);

    public static OperatorCatalog Defaults() => new(
    [
        new OperatorProfile
        {
            Id = "digisense",
            Name = "Digisense",
            ReferencePrefix = "DGS",
            CguVersion = "2026-01",
            CguUrl = "https://tickets.digisense.fr/cgu",
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
            Products = ["vroom", "ibox", "client-space", "other"],
            BusinessHours = WeekDays(new TimeOnly(8, 30), new TimeOnly(17, 30)),
        },
    ]);

    private static List<BusinessDay> WeekDays(TimeOnly opens, TimeOnly closes) =>
        [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(day => new BusinessDay { Day = day, Opens = opens, Closes = closes })];
}
