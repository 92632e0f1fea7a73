using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Assistant.Bot.Tests.Auth;
using Assistant.Moderation;
using Assistant.Moderation.Data;
using Assistant.Ticketing.Staff;

namespace Assistant.Bot.Tests.Moderation;

/// <summary>A staff host serving the run's shared model set, so the API tests do not train their own.</summary>
public sealed class ModerationApiFactory : IDisposable
{
    public StaffApiFactory Host { get; } = new() { Settings = { ["Moderation:ModelsDirectory"] = SharedModels.Directory } };

    public void Dispose() => Host.Dispose();
}

public sealed class ModerationApiTests : IClassFixture<ModerationApiFactory>
{
    private const string AgentEmail = "agent.moderation@example.com";
    private const string AgentPassword = "agent-password-1";
    private const string Analyze = "/api/moderation/analyze";
    private readonly StaffApiFactory _factory;

    public ModerationApiTests(ModerationApiFactory fixture)
    {
        _factory = fixture.Host;
        if (_factory.Services.GetService(typeof(IStaffStore)) is IStaffStore staff && staff.FindByEmail(AgentEmail) is null)
        {
            _factory.AddStaff(AgentEmail, AgentPassword, StaffRoles.Agent, disabled: false, "digisense");
        }
    }

    [Fact]
    public async Task An_anonymous_caller_is_refusedAsync()
    {
        var client = _factory.CreateClient();

        var response = await client.PostAsJsonAsync(Analyze, new { text = "Ma facture de mars est fausse." });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_agent_gets_the_documented_shapeAsync()
    {
        var client = await _factory.ClientForAsync(AgentEmail, AgentPassword);

        var response = await client.PostAsJsonAsync(Analyze, new { text = "V-room est en panne pour toute l'entreprise depuis ce matin, plus personne ne peut faire de réunion." });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var moderation = body.RootElement.GetProperty("moderation");
        var triage = body.RootElement.GetProperty("triage");
        Assert.Equal(Labels.Ok, moderation.GetProperty("label").GetString());
        var abusive = moderation.GetProperty("scores").GetProperty("abusive").GetSingle();
        var offtopic = moderation.GetProperty("scores").GetProperty("offtopic").GetSingle();
        Assert.InRange(abusive, 0f, 1f);
        Assert.InRange(offtopic, 0f, 1f);
        Assert.Contains(triage.GetProperty("priority").GetString(), Labels.Priorities);
        Assert.Contains(triage.GetProperty("category").GetString(), Labels.Categories);
        Assert.Contains(triage.GetProperty("product").GetString(), Labels.Products);
        // An outage for everyone is urgent by rule, and the response says so.
        Assert.Equal(Labels.Urgent, triage.GetProperty("priority").GetString());
        Assert.Equal("rule:outage", triage.GetProperty("priorityDecidedBy").GetString());
        Assert.Equal("vroom", triage.GetProperty("product").GetString());
    }

    [Fact]
    public async Task An_admin_is_admitted_and_an_insult_is_flagged_abusiveAsync()
    {
        var client = await _factory.AdminClientAsync();

        var response = await client.PostAsJsonAsync(Analyze, new { text = "bande d'incapables, votre service est une arnaque de merde" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var moderation = body.RootElement.GetProperty("moderation");
        Assert.Equal(Labels.Abusive, moderation.GetProperty("label").GetString());
        Assert.True(moderation.GetProperty("scores").GetProperty("abusive").GetSingle() >= 0.5f);
    }

    [Fact]
    public async Task A_threat_is_flagged_by_the_rule_whatever_the_modelAsync()
    {
        var client = await _factory.AdminClientAsync();

        var response = await client.PostAsJsonAsync(Analyze, new { text = "si personne ne me rappelle je vais venir à votre agence et tout casser" });

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var moderation = body.RootElement.GetProperty("moderation");
        Assert.Equal(Labels.Abusive, moderation.GetProperty("label").GetString());
        Assert.Equal("rule:threat", moderation.GetProperty("decidedBy").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task An_empty_text_is_a_bad_request_naming_the_fieldAsync(string text)
    {
        var client = await _factory.ClientForAsync(AgentEmail, AgentPassword);

        var response = await client.PostAsJsonAsync(Analyze, new { text });

        await AssertTextErrorAsync(response, "required");
    }

    [Fact]
    public async Task A_missing_text_is_a_bad_requestAsync()
    {
        var client = await _factory.ClientForAsync(AgentEmail, AgentPassword);

        var response = await client.PostAsJsonAsync(Analyze, new { message = "wrong field" });

        await AssertTextErrorAsync(response, "required");
    }

    [Fact]
    public async Task An_oversized_text_is_a_bad_request_with_the_limitAsync()
    {
        var client = await _factory.ClientForAsync(AgentEmail, AgentPassword);

        var response = await client.PostAsJsonAsync(Analyze, new { text = new string('a', TextNormalizer.MaxLength + 1) });

        await AssertTextErrorAsync(response, TextNormalizer.MaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task AssertTextErrorAsync(HttpResponseMessage response, string expected)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var message = body.RootElement.GetProperty("errors").GetProperty("text")[0].GetString();
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }
}
