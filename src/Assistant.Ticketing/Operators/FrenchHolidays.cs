using System.Collections.Concurrent;

namespace Assistant.Ticketing.Operators;

/// <summary>The eleven French public holidays: eight fixed dates and three that follow Easter.</summary>
public static class FrenchHolidays
{
    private static readonly ConcurrentDictionary<int, HashSet<DateOnly>> ByYear = new();

    public static bool IsHoliday(DateOnly date) => ByYear.GetOrAdd(date.Year, Compute).Contains(date);

    public static IReadOnlyCollection<DateOnly> For(int year) => ByYear.GetOrAdd(year, Compute);

    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous Gregorian computus).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    private static HashSet<DateOnly> Compute(int year)
    {
        var easter = EasterSunday(year);
        return
        [
            new DateOnly(year, 1, 1),
            easter.AddDays(1),   // lundi de Pâques
            new DateOnly(year, 5, 1),
            new DateOnly(year, 5, 8),
            easter.AddDays(39),  // Ascension
            easter.AddDays(50),  // lundi de Pentecôte
            new DateOnly(year, 7, 14),
            new DateOnly(year, 8, 15),
            new DateOnly(year, 11, 1),
            new DateOnly(year, 11, 11),
            new DateOnly(year, 12, 25),
        ];
    }
}
