namespace Assistant.Ticketing.Operators;

/// <summary>
/// An operator's working time: opening hours per weekday, minus public holidays and closed dates,
/// in the operator's time zone. All inputs and outputs are UTC.
/// </summary>
public sealed class BusinessCalendar
{
    // Ten years of closed days would mean the calendar has no working day at all.
    private const int MaxDaysScanned = 3660;

    private readonly OperatorProfile _profile;
    private readonly TimeZoneInfo _zone;
    private readonly HashSet<DateOnly> _closedDates;

    public BusinessCalendar(OperatorProfile profile)
    {
        _profile = profile;
        _zone = TimeZoneInfo.FindSystemTimeZoneById(profile.TimeZone);
        _closedDates = [.. profile.ClosedDates];
    }

    /// <summary>The opening window of that local date, or null when the operator is closed all day.</summary>
    public (TimeOnly Opens, TimeOnly Closes)? WindowOn(DateOnly date)
    {
        if (_closedDates.Contains(date) || (_profile.Holidays == "FR" && FrenchHolidays.IsHoliday(date)))
        {
            return null;
        }

        var day = _profile.BusinessHours.FirstOrDefault(b => b.Day == date.DayOfWeek);
        return day is null || day.Closes <= day.Opens ? null : (day.Opens, day.Closes);
    }

    /// <summary>Adds working time: the clock only runs while the operator is open.</summary>
    public DateTimeOffset AddBusinessTime(DateTimeOffset startUtc, TimeSpan duration)
    {
        var local = ToLocal(startUtc);
        var remaining = duration;
        for (var scanned = 0; scanned < MaxDaysScanned; scanned++)
        {
            var date = DateOnly.FromDateTime(local);
            if (WindowOn(date) is { } window)
            {
                var opens = date.ToDateTime(window.Opens);
                var closes = date.ToDateTime(window.Closes);
                if (local < opens)
                {
                    local = opens;
                }

                if (local < closes)
                {
                    var available = closes - local;
                    if (remaining <= available)
                    {
                        return ToUtc(local + remaining);
                    }

                    remaining -= available;
                }
            }

            local = date.AddDays(1).ToDateTime(TimeOnly.MinValue);
        }

        throw new InvalidOperationException($"Operator '{_profile.Id}' has no business hours in the next ten years.");
    }

    /// <summary>
    /// Adds whole working days: the same time of day on the n-th following working day, counted from the
    /// next moment the operator is open (within that day's hours).
    /// </summary>
    public DateTimeOffset AddBusinessDays(DateTimeOffset startUtc, int days)
    {
        var start = ToLocal(AddBusinessTime(startUtc, TimeSpan.Zero));
        var timeOfDay = TimeOnly.FromDateTime(start);
        var date = DateOnly.FromDateTime(start);
        for (var counted = 0; counted < days;)
        {
            date = NextWorkingDate(date);
            counted++;
        }

        var window = WindowOn(date)!.Value;
        var time = timeOfDay < window.Opens ? window.Opens : timeOfDay > window.Closes ? window.Closes : timeOfDay;
        return ToUtc(date.ToDateTime(time));
    }

    /// <summary>The first moment at or after <paramref name="utc"/> when the operator is open.</summary>
    public DateTimeOffset NextOpenMoment(DateTimeOffset utc) => AddBusinessTime(utc, TimeSpan.Zero);

    private DateOnly NextWorkingDate(DateOnly after)
    {
        var date = after;
        for (var scanned = 0; scanned < MaxDaysScanned; scanned++)
        {
            date = date.AddDays(1);
            if (WindowOn(date) is not null)
            {
                return date;
            }
        }

        throw new InvalidOperationException($"Operator '{_profile.Id}' has no business hours in the next ten years.");
    }

    private DateTime ToLocal(DateTimeOffset utc) => TimeZoneInfo.ConvertTimeFromUtc(utc.UtcDateTime, _zone);

    private DateTimeOffset ToUtc(DateTime local) =>
        new(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), _zone), TimeSpan.Zero);
}
