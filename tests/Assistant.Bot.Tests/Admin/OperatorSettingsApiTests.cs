using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Assistant.Bot.Handoff;
using Assistant.Bot.Tests.Channel;
using Assistant.Bot.Tests.Intake;
using Assistant.Ticketing.Consents;
using Assistant.Ticketing.Operators;
using Assistant.Ticketing.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bot.Tests.Admin;

/// <summary>Editing an operator at run time: validated, audited, served at once (SLA, handoff, consent), kept across a restart, reset.</summary>
public sealed class OperatorSettingsApiTests : IDisposable
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private readonly AdminHost _host = new();

    public void Dispose() => _host.Dispose();

    private static object SundayMorningOnly(string reason) => new
    {
        businessHours = new[] { new { day = "Sunday", opens = "10:00", closes = "11:00" } },
        holidays = "none",
        reason,
    };

    private static async Task<JsonObject> DigisenseAsync(HttpClient admin)
    {
        var settings = await admin.GetFromJsonAsync<JsonObject>("/api/admin/settings");
        return settings!["operators"]!.AsArray().Single(o => (string)o!["id"]! == "digisense")!.AsObject();
    }

    [Fact]
    public async Task An_edit_is_served_at_once_audited_and_a_reset_brings_the_configuration_backAsync()
    {
        var admin = await _host.AdminAsync();
        Assert.Equal("configuration", (string)(await DigisenseAsync(admin))["source"]!);

        using var save = await admin.PutAsJsonAsync("/api/admin/settings/operators/digisense",
            new { cguVersion = "2026-02", cguUrl = "https://tickets.digisense.fr/cgu-2026-02", reason = "new terms published" });

        Assert.Equal(HttpStatusCode.OK, save.StatusCode);
        var digisense = await DigisenseAsync(admin);
        Assert.Equal("console", (string)digisense["source"]!);
        Assert.Equal("2026-02", (string)digisense["cguVersion"]!);
        Assert.Equal(5, digisense["businessHours"]!.AsArray().Count);
        Assert.Equal("2026-02", _host.Service<IOperatorCatalog>().Find("digisense")!.CguVersion);
        var entry = Assert.Single(_host.Audit("settings.operator"));
        Assert.Equal("digisense", entry.Target);
        Assert.Contains("cguVersion 2026-01 → 2026-02", entry.Details, StringComparison.Ordinal);
        Assert.Contains("new terms published", entry.Details, StringComparison.Ordinal);

        using var reset = await admin.PostAsJsonAsync("/api/admin/settings/operators/digisense/reset", new { reason = "published by mistake" });

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        digisense = await DigisenseAsync(admin);
        Assert.Equal("configuration", (string)digisense["source"]!);
        Assert.Equal("2026-01", (string)digisense["cguVersion"]!);
        Assert.Equal("https://tickets.digisense.fr/cgu", (string)digisense["cguUrl"]!);
        var resetEntry = Assert.Single(_host.Audit("settings.operator.reset"));
        Assert.Contains("published by mistake", resetEntry.Details, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"businessHours":[{"day":"Monday","opens":"18:00","closes":"09:00"}],"reason":"test"}""", "businessHours")]
    [InlineData("""{"businessHours":[],"reason":"test"}""", "businessHours")]
    [InlineData("""{"businessHours":[{"day":"Lundi","opens":"09:00","closes":"18:00"}],"reason":"test"}""", "businessHours")]
    [InlineData("""{"businessHours":[{"day":"Monday","opens":"9h","closes":"18:00"}],"reason":"test"}""", "businessHours")]
    [InlineData("""{"holidays":"US","reason":"test"}""", "holidays")]
    [InlineData("""{"cguVersion":" ","reason":"test"}""", "cguVersion")]
    [InlineData("""{"cguUrl":"javascript:alert(1)","reason":"test"}""", "cguUrl")]
    [InlineData("""{"cguVersion":"2026-02"}""", "reason")]
    public async Task A_bad_edit_is_refused_with_the_reason_and_changes_nothingAsync(string body, string field)
    {
        var admin = await _host.AdminAsync();
        var before = (await DigisenseAsync(admin)).ToJsonString();

        using var response = await admin.PutAsync("/api/admin/settings/operators/digisense", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.False(string.IsNullOrWhiteSpace((string?)problem!["errors"]![field]![0]));
        Assert.Equal(before, (await DigisenseAsync(admin)).ToJsonString());
        Assert.Empty(_host.Audit("settings"));
    }

    [Fact]
    public async Task Malformed_json_is_a_bad_request_and_an_unknown_operator_is_not_foundAsync()
    {
        var admin = await _host.AdminAsync();

        using var malformed = await admin.PutAsync("/api/admin/settings/operators/digisense", new StringContent("""{"cguVersion":""", Encoding.UTF8, "application/json"));
        using var unknown = await admin.PutAsJsonAsync("/api/admin/settings/operators/acme", new { cguVersion = "1", reason = "test" });
        using var unknownReset = await admin.PostAsJsonAsync("/api/admin/settings/operators/acme/reset", new { reason = "test" });

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownReset.StatusCode);
    }

    [Fact]
    public async Task An_edit_survives_a_restartAsync()
    {
        var admin = await _host.AdminAsync();
        using var save = await admin.PutAsJsonAsync("/api/admin/settings/operators/icosnet", SundayMorningOnly("support on Sundays only"));
        save.EnsureSuccessStatusCode();
        _host.Factory.Dispose();

        using var restarted = new ChannelAppFactory(_host.Factory.DataDirectory);
        var icosnet = restarted.Services.GetRequiredService<IOperatorCatalog>().Find("icosnet")!;

        Assert.Equal(DayOfWeek.Sunday, Assert.Single(icosnet.BusinessHours).Day);
        Assert.Equal("none", icosnet.Holidays);
        Assert.Equal("ICN", icosnet.ReferencePrefix);
        Assert.Equal(OperatorSources.Console, restarted.Services.GetRequiredService<OperatorSettings>().SourceOf("icosnet"));
    }

    [Fact]
    public async Task New_business_hours_move_the_due_date_of_the_next_ticket_and_the_reopening_timeAsync()
    {
        var tickets = _host.Service<ITicketService>();
        var before = tickets.Create(Sample("conv-before"), new Actor("requester", "dl_sla"));
        Assert.NotEqual(DayOfWeek.Sunday, InParis(before.Sla.FirstResponseDue).DayOfWeek);
        var admin = await _host.AdminAsync();

        using var save = await admin.PutAsJsonAsync("/api/admin/settings/operators/digisense", SundayMorningOnly("support on Sundays only"));
        save.EnsureSuccessStatusCode();
        var after = tickets.Create(Sample("conv-after"), new Actor("requester", "dl_sla"));

        var due = InParis(after.Sla.FirstResponseDue);
        Assert.Equal(DayOfWeek.Sunday, due.DayOfWeek);
        Assert.InRange(TimeOnly.FromDateTime(due), new TimeOnly(10, 0), new TimeOnly(11, 0));
        Assert.Equal(DayOfWeek.Sunday, InParis(_host.Service<HandoffAvailability>().Check("digisense").ReopensAt).DayOfWeek);
    }

    [Fact]
    public async Task A_new_cgu_version_is_asked_again_at_the_users_next_messageAsync()
    {
        var chat = await ChatSession.StartAsync(_host.DirectLine, "dl_terms");
        Assert.Equal("consent", chat.PendingSlot);
        await chat.SayAsync("Accepter et valider");
        Assert.NotEqual("consent", chat.PendingSlot);
        // Another user is reading the old terms when they change.
        var reading = await ChatSession.StartAsync(_host.DirectLine, "dl_reading");
        var admin = await _host.AdminAsync();

        using var save = await admin.PutAsJsonAsync("/api/admin/settings/operators/digisense", new { cguVersion = "2026-09", reason = "new terms" });
        save.EnsureSuccessStatusCode();
        await chat.SayAsync("Mon Ibox ne synchronise plus aucun fichier depuis hier soir.");

        Assert.Equal("consent", chat.PendingSlot);
        Assert.Contains("2026-09", ChatSession.Text(chat.LastPrompt), StringComparison.Ordinal);
        await chat.SayAsync("Accepter et valider");
        Assert.NotEqual("consent", chat.PendingSlot);
        Assert.True(_host.Service<IConsentStore>().Latest("digisense", "dl_terms", "2026-09")?.Accepted);

        // Accepting what they read does not accept terms they have not seen: the new version is shown first.
        await reading.SayAsync("Accepter et valider");
        Assert.Equal("consent", reading.PendingSlot);
        Assert.Contains("2026-09", ChatSession.Text(reading.LastPrompt), StringComparison.Ordinal);
        Assert.Null(_host.Service<IConsentStore>().Latest("digisense", "dl_reading", "2026-09"));
    }

    private static DateTime InParis(DateTimeOffset utc) => TimeZoneInfo.ConvertTimeFromUtc(utc.UtcDateTime, Paris);

    private static NewTicket Sample(string conversationId) => new(
        "digisense", "Visio coupée", "La visio V-room coupe le son de tous les participants.", "incident", "vroom",
        "urgent", "test", new Requester { UserId = "dl_sla", Name = "Marie Dupont" }, conversationId, "premium", false);
}
