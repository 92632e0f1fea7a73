using System.Runtime.CompilerServices;
using Assistant.Ticketing.Operators;
using Assistant.Ticketing.Tickets;
using Microsoft.Extensions.Options;

namespace Assistant.Ticketing.Sla;

/// <summary>Targets (indicative, for the requester) and due times (for agents) from priority × contract tier.</summary>
public interface ISlaCalculator
{
    SlaTargets Targets(string priority, string contractTier);

    /// <summary>The promise for a ticket filed at <paramref name="createdAt"/>, due times counted in the operator's working time.</summary>
    SlaPromise Promise(string operatorId, string priority, string contractTier, DateTimeOffset createdAt);
}

public sealed record SlaTargets(SlaTarget FirstResponse, SlaTarget Resolution)
{
    /// <summary>E.g. "première réponse sous 4 heures ouvrées, résolution visée sous 2 jours ouvrés".</summary>
    public string Describe(string language = "fr") =>
        language.StartsWith("en", StringComparison.OrdinalIgnoreCase)
            ? $"first response within {FirstResponse.Describe(language)}, resolution targeted within {Resolution.Describe(language)}"
            : $"première réponse sous {FirstResponse.Describe(language)}, résolution visée sous {Resolution.Describe(language)}";
}

public sealed class SlaCalculator : ISlaCalculator
{
    private readonly Dictionary<(string Priority, string Tier), SlaTargets> _table = [];
    private readonly IOperatorCatalog _operators;
    // Keyed by profile instance: an edited operator is a new profile, so it gets a new calendar and the old one goes.
    private readonly ConditionalWeakTable<OperatorProfile, BusinessCalendar> _calendars = new();

    public SlaCalculator(IOptions<SlaOptions> options, IOperatorCatalog operators)
    {
        foreach (var rule in SlaOptions.Defaults.Concat(options.Value.Rules))
        {
            _ = SlaTarget.TryParse(rule.FirstResponse, out var first);
            _ = SlaTarget.TryParse(rule.Resolution, out var resolution);
            _table[(rule.Priority, rule.Tier)] = new SlaTargets(first, resolution);
        }

        _operators = operators;
    }

    public SlaTargets Targets(string priority, string contractTier) =>
        _table.TryGetValue((priority, contractTier), out var targets)
            ? targets
            : throw new ArgumentException($"No SLA for priority '{priority}' and contract tier '{contractTier}'.");

    public SlaPromise Promise(string operatorId, string priority, string contractTier, DateTimeOffset createdAt)
    {
        var calendar = CalendarOf(operatorId)
            ?? throw new ArgumentException($"Unknown operator '{operatorId}'.", nameof(operatorId));
        var targets = Targets(priority, contractTier);
        return new SlaPromise
        {
            FirstResponseTarget = targets.FirstResponse.ToTimeSpan(),
            ResolutionTarget = targets.Resolution.ToTimeSpan(),
            FirstResponseDue = Due(calendar, createdAt, targets.FirstResponse),
            ResolutionDue = Due(calendar, createdAt, targets.Resolution),
        };
    }

    /// <summary>The working calendar of the operator's current profile, for callers that show opening times.</summary>
    public BusinessCalendar? CalendarOf(string operatorId) =>
        _operators.Find(operatorId) is { } profile ? _calendars.GetValue(profile, static p => new BusinessCalendar(p)) : null;

    private static DateTimeOffset Due(BusinessCalendar calendar, DateTimeOffset start, SlaTarget target) =>
        target.Unit == SlaUnit.BusinessDays
            ? calendar.AddBusinessDays(start, target.Amount)
            : calendar.AddBusinessTime(start, TimeSpan.FromHours(target.Amount));
}
