using Assistant.Ticketing.Operators;
using Assistant.Ticketing.Sla;
using Assistant.Ticketing.Storage;
using Assistant.Ticketing.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Assistant.Ticketing.Tests.Operators;

public sealed class OperatorSettingsTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => _directory.Dispose();

    private OperatorSettings Settings(TicketingDatabase database) =>
        new(OperatorCatalog.Defaults(), new OperatorEditStore(database), _clock, NullLogger<OperatorSettings>.Instance);

    private static OperatorEdit MondayOnly(string cguVersion = "2026-02") => new(
        [new BusinessDay { Day = DayOfWeek.Monday, Opens = new TimeOnly(10, 0), Closes = new TimeOnly(12, 0) }],
        "none",
        cguVersion,
        "https://tickets.digisense.fr/cgu-2026-02");

    [Fact]
    public void An_edit_replaces_the_whole_profile_and_keeps_what_it_does_not_edit()
    {
        using var database = new TicketingDatabase(_directory.DatabasePath);
        var settings = Settings(database);
        var before = settings.Catalog.Find("digisense")!;

        var result = settings.Apply("digisense", MondayOnly(), "staff:admin")!;

        Assert.True(result.Succeeded);
        var after = settings.Catalog.Find("digisense")!;
        Assert.NotSame(before, after);
        Assert.Equal("2026-01", before.CguVersion);
        Assert.Equal("2026-02", after.CguVersion);
        Assert.Equal("DGS", after.ReferencePrefix);
        Assert.Equal(DayOfWeek.Monday, after.BusinessHours.Single().Day);
        Assert.Equal(OperatorSources.Console, settings.SourceOf("digisense"));
        Assert.Equal(OperatorSources.Configuration, settings.SourceOf("icosnet"));
    }

    [Theory]
    [InlineData("10:00", "09:00", "2026-02", "https://x.example/cgu", "businessHours")]
    [InlineData("10:00", "12:00", "", "https://x.example/cgu", "cguVersion")]
    [InlineData("10:00", "12:00", "2026\n02", "https://x.example/cgu", "cguVersion")]
    [InlineData("10:00", "12:00", "2026-02", "ftp://x.example/cgu", "cguUrl")]
    [InlineData("10:00", "12:00", "2026-02", "/cgu", "cguUrl")]
    public void A_bad_edit_is_refused_with_the_field_and_changes_nothing(string opens, string closes, string cguVersion, string cguUrl, string field)
    {
        using var database = new TicketingDatabase(_directory.DatabasePath);
        var settings = Settings(database);
        var before = settings.Catalog.Find("digisense")!;
        var edit = new OperatorEdit(
            [new BusinessDay { Day = DayOfWeek.Monday, Opens = TimeOnly.Parse(opens, System.Globalization.CultureInfo.InvariantCulture), Closes = TimeOnly.Parse(closes, System.Globalization.CultureInfo.InvariantCulture) }],
            "FR", cguVersion, cguUrl);

        var result = settings.Apply("digisense", edit, "staff:admin")!;

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Field == field);
        Assert.Same(before, settings.Catalog.Find("digisense"));
        Assert.Equal(OperatorSources.Configuration, settings.SourceOf("digisense"));
    }

    [Fact]
    public void No_open_day_is_refused()
    {
        using var database = new TicketingDatabase(_directory.DatabasePath);

        var result = Settings(database).Apply("digisense", MondayOnly() with { BusinessHours = [] }, "staff:admin")!;

        Assert.Contains(result.Errors, e => e.Field == "businessHours");
    }

    [Fact]
    public void A_saved_edit_is_served_again_after_a_restart_until_it_is_reset()
    {
        using (var database = new TicketingDatabase(_directory.DatabasePath))
        {
            Settings(database).Apply("digisense", MondayOnly(), "staff:admin");
        }

        using (var database = new TicketingDatabase(_directory.DatabasePath))
        {
            var settings = Settings(database);
            Assert.Equal("2026-02", settings.Catalog.Find("digisense")!.CguVersion);
            Assert.Equal(new TimeOnly(10, 0), settings.Catalog.Find("digisense")!.BusinessHours.Single().Opens);

            settings.Reset("digisense");
            Assert.Equal("2026-01", settings.Catalog.Find("digisense")!.CguVersion);
            Assert.Equal(OperatorSources.Configuration, settings.SourceOf("digisense"));
        }

        using (var database = new TicketingDatabase(_directory.DatabasePath))
        {
            Assert.Equal(5, Settings(database).Catalog.Find("digisense")!.BusinessHours.Count);
        }
    }

    [Fact]
    public void An_unknown_operator_is_not_edited()
    {
        using var database = new TicketingDatabase(_directory.DatabasePath);
        var settings = Settings(database);

        Assert.Null(settings.Apply("acme", MondayOnly(), "staff:admin"));
        Assert.Null(settings.Reset("acme"));
    }

    [Fact]
    public void The_sla_calculator_counts_due_times_in_the_edited_hours_at_once()
    {
        using var database = new TicketingDatabase(_directory.DatabasePath);
        var settings = Settings(database);
        var sla = new SlaCalculator(Options.Create(new SlaOptions()), settings.Catalog);
        // Monday 23 November 2026 16:30 Paris, urgent premium (1 h): 17:30 with 9–18 hours, next Monday 11:00 when only Monday 10–12 is open.
        var created = new DateTimeOffset(2026, 11, 23, 15, 30, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 16, 30, 0, TimeSpan.Zero), sla.Promise("digisense", "urgent", "premium", created).FirstResponseDue);

        settings.Apply("digisense", MondayOnly(), "staff:admin");

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero), sla.Promise("digisense", "urgent", "premium", created).FirstResponseDue);
    }

    [Fact]
    public async Task Readers_never_see_half_an_editAsync()
    {
        using var database = new TicketingDatabase(_directory.DatabasePath);
        var settings = Settings(database);
        var a = MondayOnly("A");
        var b = new OperatorEdit(
            [new BusinessDay { Day = DayOfWeek.Friday, Opens = new TimeOnly(8, 0), Closes = new TimeOnly(9, 0) }], "FR", "B", "https://b.example/cgu");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var writer = Task.Run(() =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                settings.Apply("digisense", i % 2 == 0 ? a : b, "staff:admin");
            }
        });

        while (!stop.IsCancellationRequested)
        {
            var profile = settings.Catalog.Find("digisense")!;
            if (profile.CguVersion == "2026-01")
            {
                continue;
            }

            var day = profile.BusinessHours.Single().Day;
            Assert.True((profile.CguVersion, day, profile.Holidays) is ("A", DayOfWeek.Monday, "none") or ("B", DayOfWeek.Friday, "FR"));
        }

        await writer;
    }
}
