using Assistant.Ticketing.Operators;

namespace Assistant.Ticketing.Tests.Operators;

/// <summary>Digisense opens 9:00–18:00, ICOSNET 8:30–17:30, Monday to Friday, Paris time (UTC+1 in winter, UTC+2 in summer).</summary>
public class BusinessCalendarTests
{
    private readonly BusinessCalendar _digisense = new(OperatorCatalog.Defaults().Find("digisense")!);
    private readonly BusinessCalendar _icosnet = new(OperatorCatalog.Defaults().Find("icosnet")!);

    [Theory]
    // Monday 10:00 Paris + 4h stays the same day.
    [InlineData("2026-11-23T09:00:00Z", 4, "2026-11-23T13:00:00Z")]
    // Ending exactly at closing time stays that day.
    [InlineData("2026-11-23T16:00:00Z", 1, "2026-11-23T17:00:00Z")]
    // Monday 17:00 Paris + 2h: one hour tonight, one tomorrow from 9:00.
    [InlineData("2026-11-23T16:00:00Z", 2, "2026-11-24T09:00:00Z")]
    // Friday 16:00 Paris + 4h: two hours on Friday, the rest on Monday.
    [InlineData("2026-11-27T15:00:00Z", 4, "2026-11-30T10:00:00Z")]
    // Saturday: the clock starts on Monday at 9:00.
    [InlineData("2026-11-28T10:00:00Z", 1, "2026-11-30T09:00:00Z")]
    // Before opening (7:00 Paris): the clock starts at 9:00.
    [InlineData("2026-11-24T06:00:00Z", 1, "2026-11-24T09:00:00Z")]
    // After closing (20:00 Paris): the clock starts the next morning.
    [InlineData("2026-11-24T19:00:00Z", 3, "2026-11-25T11:00:00Z")]
    public void Adding_business_hours_skips_nights_and_weekends(string start, int hours, string expected)
    {
        var due = _digisense.AddBusinessTime(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromHours(hours));

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), due);
    }

    [Fact]
    public void Easter_monday_2026_is_skipped()
    {
        // Friday 3 April 17:00 Paris (CEST, UTC+2) + 2h: one hour on Friday, then Tuesday 7 April from 9:00.
        var due = _digisense.AddBusinessTime(new DateTimeOffset(2026, 4, 3, 15, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(2));

        Assert.Equal(new DateTimeOffset(2026, 4, 7, 8, 0, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void Armistice_day_on_a_wednesday_is_skipped()
    {
        // Tuesday 10 November 2026 17:00 Paris + 2h → Thursday 12 November 10:00 Paris.
        var due = _digisense.AddBusinessTime(new DateTimeOffset(2026, 11, 10, 16, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(2));

        Assert.Equal(new DateTimeOffset(2026, 11, 12, 9, 0, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void Business_hours_follow_local_time_across_the_summer_time_change()
    {
        // Friday 27 March 2026 17:00 CET (16:00Z) + 2h → Monday 30 March 10:00 CEST (08:00Z).
        var due = _digisense.AddBusinessTime(new DateTimeOffset(2026, 3, 27, 16, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(2));

        Assert.Equal(new DateTimeOffset(2026, 3, 30, 8, 0, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void Each_operator_uses_its_own_hours()
    {
        // Monday 23 November 8:00 Paris: ICOSNET opens at 8:30, Digisense at 9:00.
        var start = new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 8, 30, 0, TimeSpan.Zero), _icosnet.AddBusinessTime(start, TimeSpan.FromHours(1)));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero), _digisense.AddBusinessTime(start, TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Business_days_land_on_the_same_time_of_the_nth_working_day()
    {
        // Friday 3 April 2026 11:00 Paris + 1 business day → Tuesday 7 April 11:00 (Easter Monday skipped).
        var due = _digisense.AddBusinessDays(new DateTimeOffset(2026, 4, 3, 9, 0, 0, TimeSpan.Zero), 1);

        Assert.Equal(new DateTimeOffset(2026, 4, 7, 9, 0, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void Business_days_counted_from_a_weekend_start_on_monday_morning()
    {
        // Saturday 28 November → counted from Monday 30 November 9:00; 3 business days → Thursday 3 December 9:00 Paris.
        var due = _digisense.AddBusinessDays(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero), 3);

        Assert.Equal(new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void Configured_closed_dates_are_skipped()
    {
        var profile = OperatorCatalog.Defaults().Find("digisense")! with { ClosedDates = [new DateOnly(2026, 11, 24)] };
        var calendar = new BusinessCalendar(profile);

        var due = calendar.AddBusinessTime(new DateTimeOffset(2026, 11, 23, 16, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(2));

        Assert.Equal(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero), due);
    }
}
