using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Assistant.Bot.Admin.Audit;
using Assistant.Bot.Tests.Auth;
using Assistant.Moderation.Analysis;
using Assistant.Ticketing.Staff;
using Assistant.Ticketing.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bot.Tests.Reports;

/// <summary>The reports over HTTP, on a service of its own: the figures follow what the team did, per role and operator.</summary>
public sealed class ReportsApiTests : IClassFixture<StaffApiFactory>
{
    private const string AgentEmail = "agent.reports@example.com";
    private const string AgentPassword = "agent-password-1";
    private readonly StaffApiFactory _factory;

    public ReportsApiTests(StaffApiFactory factory)
    {
        _factory = factory;
        if (factory.Services.GetRequiredService<IStaffStore>().FindByEmail(AgentEmail) is null)
        {
            factory.AddStaff(AgentEmail, AgentPassword, StaffRoles.Agent, disabled: false, "digisense");
        }
    }

    [Fact]
    public async Task Tickets_worked_today_show_in_the_figures_and_the_csv_lists_the_same_ticketsAsync()
    {
        var answered = File("digisense", "incident", "high");
        var waiting = File("digisense", "billing", "normal");
        var elsewhere = File("icosnet", "order", "low");
        var agent = await _factory.ClientForAsync(AgentEmail, AgentPassword);
        (await agent.PostAsJsonAsync($"/api/tickets/{answered.Reference}/comments", new { text = "Nous relançons le service.", @internal = false })).EnsureSuccessStatusCode();
        (await agent.PatchAsJsonAsync($"/api/tickets/{answered.Reference}", new { status = "resolved" })).EnsureSuccessStatusCode();
        await _factory.Services.GetRequiredService<AuditLog>().RecordModerationAsync(
            "digisense", "user-r", "conv-r", "act-r", new ModerationVerdict("abusive", new ModerationScores(0.97f, 0.01f), "refuse", "model", Strike: true), answeredByModeration: true);
        var admin = await _factory.AdminClientAsync();

        var mine = await agent.GetFromJsonAsync<JsonElement>("/api/reports");
        var all = await admin.GetFromJsonAsync<JsonElement>("/api/reports");
        var csv = await admin.GetStringAsync("/api/reports/tickets.csv");

        Assert.Equal(["digisense"], mine.GetProperty("operators").EnumerateArray().Select(o => o.GetString()).ToList());
        var tickets = mine.GetProperty("tickets");
        Assert.Equal(2, tickets.GetProperty("opened").GetInt32());
        Assert.Equal(1, tickets.GetProperty("resolved").GetInt32());
        var today = tickets.GetProperty("days").EnumerateArray().Last();
        Assert.Equal(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), today.GetProperty("date").GetString());
        Assert.Equal((2, 1), (today.GetProperty("opened").GetInt32(), today.GetProperty("resolved").GetInt32()));
        Assert.Equal(30, tickets.GetProperty("days").GetArrayLength());
        Assert.Equal(1, tickets.GetProperty("sla").GetProperty("firstResponseMet").GetInt32());
        Assert.Equal(1.0, tickets.GetProperty("sla").GetProperty("firstResponseAttainment").GetDouble());
        Assert.Equal(["billing", "incident"], tickets.GetProperty("byCategory").EnumerateArray().Select(c => c.GetProperty("value").GetString()).Order().ToList());
        var decision = Assert.Single(mine.GetProperty("moderation").EnumerateArray());
        Assert.Equal(("abusive", "refuse", 1), (decision.GetProperty("label").GetString(), decision.GetProperty("action").GetString(), decision.GetProperty("count").GetInt32()));

        Assert.Equal(3, all.GetProperty("tickets").GetProperty("opened").GetInt32());
        Assert.Contains(all.GetProperty("tickets").GetProperty("byOperator").EnumerateArray(), o => o.GetProperty("value").GetString() == "icosnet");

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Assistant.Bot.Reports.ReportCsv.Header, lines[0]);
        Assert.Equal(new[] { answered.Reference, waiting.Reference, elsewhere.Reference }.Order(), lines.Skip(1).Select(l => l.Split(',')[0]).Order());
        var resolvedLine = lines.Single(l => l.StartsWith(answered.Reference + ",", StringComparison.Ordinal)).Split(',');
        Assert.Equal(("resolved", "yes", "yes"), (resolvedLine[3], resolvedLine[9], resolvedLine[12]));
        Assert.DoesNotContain("example.com", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_operator_is_forbidden_to_an_agent_and_strangers_get_401Async()
    {
        var agent = await _factory.ClientForAsync(AgentEmail, AgentPassword);

        using var forbidden = await agent.GetAsync("/api/reports?operator=icosnet");
        using var forbiddenCsv = await agent.GetAsync("/api/reports/tickets.csv?operator=icosnet");
        using var anonymous = await _factory.CreateClient().GetAsync("/api/reports");

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbiddenCsv.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Theory]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("from=hier", "from")]
    [InlineData("from=2026-11-10&to=2026-11-01", "to")]
    [InlineData("from=2024-01-01&to=2026-11-01", "to")]
    [InlineData("operator=nobody", "operator")]
    public async Task A_bad_period_or_operator_is_a_400_naming_the_fieldAsync(string query, string field)
    {
        var admin = await _factory.AdminClientAsync();

        using var response = await admin.GetAsync("/api/reports?" + query);
        using var csv = await admin.GetAsync("/api/reports/tickets.csv?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, csv.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors name {field}: {problem}");
    }

    private Ticket File(string operatorId, string category, string priority) =>
        _factory.Tickets.Create(
            new NewTicket(operatorId, "Demande " + category, "Le service ne répond plus depuis ce matin.", category, "vroom", priority, "model",
                new Requester { UserId = "user-" + Guid.NewGuid().ToString("N")[..8], Name = "Léa Dubois", Email = "lea@example.com" },
                "conv-" + Guid.NewGuid().ToString("N")[..8]),
            new Actor("requester", "user-1"));
}
