using System.Globalization;

namespace Assistant.Ticketing.Sla;

public enum SlaUnit
{
    BusinessHours,
    BusinessDays,
}

/// <summary>
/// A target in working time: <c>4h</c> is four business hours, <c>3d</c> three business days.
/// As a <see cref="TimeSpan"/> (the stored <see cref="Tickets.SlaPromise"/>), whole days mean business days
/// and anything under a day means business hours.
/// </summary>
public readonly record struct SlaTarget(int Amount, SlaUnit Unit)
{
    public static SlaTarget Hours(int amount) => new(amount, SlaUnit.BusinessHours);

    public static SlaTarget Days(int amount) => new(amount, SlaUnit.BusinessDays);

    public static bool TryParse(string? text, out SlaTarget target)
    {
        target = default;
        var value = text?.Trim().ToLowerInvariant() ?? "";
        if (value.Length < 2 || !int.TryParse(value[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            return false;
        }

        switch (value[^1])
        {
            case 'h' when amount < 24:
                target = Hours(amount);
                return true;
            case 'd' when amount <= 60:
                target = Days(amount);
                return true;
            default:
                return false;
        }
    }

    public TimeSpan ToTimeSpan() => Unit == SlaUnit.BusinessDays ? TimeSpan.FromDays(Amount) : TimeSpan.FromHours(Amount);

    public static SlaTarget FromTimeSpan(TimeSpan value) =>
        value.TotalDays >= 1 ? Days((int)value.TotalDays) : Hours((int)Math.Ceiling(value.TotalHours));

    /// <summary>Words for the requester, e.g. "4 heures ouvrées" or "3 business days".</summary>
    public string Describe(string language = "fr")
    {
        var english = language.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        return (Unit, Amount, english) switch
        {
            (SlaUnit.BusinessHours, 1, false) => "1 heure ouvrée",
            (SlaUnit.BusinessHours, _, false) => $"{Amount} heures ouvrées",
            (SlaUnit.BusinessDays, 1, false) => "1 jour ouvré",
            (SlaUnit.BusinessDays, _, false) => $"{Amount} jours ouvrés",
            (SlaUnit.BusinessHours, 1, true) => "1 business hour",
            (SlaUnit.BusinessHours, _, true) => $"{Amount} business hours",
            (SlaUnit.BusinessDays, 1, true) => "1 business day",
            _ => $"{Amount} business days",
        };
    }

    public override string ToString() => Unit == SlaUnit.BusinessDays ? $"{Amount}d" : $"{Amount}h";
}
