using Assistant.Ticketing.Operators;

namespace Assistant.Ticketing.Tests.Operators;

public class FrenchHolidaysTests
{
    [Theory]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2038, 4, 25)]
    public void Easter_sunday_falls_on_the_published_date(int year, int month, int day)
    {
        Assert.Equal(new DateOnly(year, month, day), FrenchHolidays.EasterSunday(year));
    }

    [Theory]
    [InlineData("2026-01-01")]
    [InlineData("2026-04-06")] // lundi de Pâques
    [InlineData("2026-05-01")]
    [InlineData("2026-05-08")]
    [InlineData("2026-05-14")] // Ascension
    [InlineData("2026-05-25")] // lundi de Pentecôte
    [InlineData("2026-07-14")]
    [InlineData("2026-08-15")]
    [InlineData("2026-11-01")]
    [InlineData("2026-11-11")]
    [InlineData("2026-12-25")]
    public void The_eleven_public_holidays_of_2026_are_holidays(string date)
    {
        Assert.True(FrenchHolidays.IsHoliday(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2026-04-03")] // Good Friday: a holiday only in Alsace-Moselle
    [InlineData("2026-04-05")]
    [InlineData("2026-12-26")]
    [InlineData("2026-11-23")]
    public void Ordinary_days_are_not_holidays(string date)
    {
        Assert.False(FrenchHolidays.IsHoliday(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Every_year_has_eleven_distinct_holidays()
    {
        Assert.All(Enumerable.Range(2020, 30), year => Assert.Equal(11, FrenchHolidays.For(year).Count));
    }
}
