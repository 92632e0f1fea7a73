using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Assistant.Bot.Tests.Admin;
using Assistant.Bot.Tests.Intake;

namespace Assistant.Bot.Tests.SelfService;

/// <summary>The admins' figures of the self-service answers, from real conversations, and who may read them.</summary>
public sealed class SelfServiceApiTests : IDisposable
{
    private readonly AdminHost _host = new(new() { ["Assistant:SelfService:Enabled"] = "true" });

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task The_figures_count_offers_by_article_and_list_the_questions_that_found_nothingAsync()
    {
        var solved = await ChatSession.StartOnPageAsync(_host.DirectLine, "icosnet");
        await solved.SayAsync("Je voudrais télécharger ma facture en PDF");
        await solved.SayAsync("Oui");
        var unhelped = await ChatSession.StartOnPageAsync(_host.DirectLine, "icosnet");
        await unhelped.SayAsync("Je voudrais télécharger ma facture en PDF");
        await unhelped.SayAsync("Non");
        var nothing = await ChatSession.StartOnPageAsync(_host.DirectLine, "icosnet");
        await nothing.SayAsync("Le standard téléphonique affiche une erreur 503");

        var admin = await _host.AdminAsync();
        var figures = (await admin.GetFromJsonAsync<JsonObject>("/api/admin/selfservice/figures?days=7"))!;

        Assert.Equal(2, (int)figures["offered"]!);
        Assert.Equal(1, (int)figures["confirmed"]!);
        Assert.Equal(1, (int)figures["notHelped"]!);
        Assert.Equal(1, (int)figures["nothingFound"]!);
        var invoices = Assert.Single(figures["articles"]!.AsArray())!;
        Assert.Equal("icosnet/invoices", (string)invoices["article"]!);
        Assert.Equal((2, 1, 1), ((int)invoices["offered"]!, (int)invoices["confirmed"]!, (int)invoices["notHelped"]!));
        Assert.Contains("503", (string)Assert.Single(figures["unanswered"]!.AsArray())!["question"]!, StringComparison.Ordinal);

        var articles = (await admin.GetFromJsonAsync<JsonArray>("/api/admin/selfservice/articles?operatorId=digisense"))!;
        Assert.Equal(10, articles.Count);
        Assert.All(articles, a => Assert.StartsWith("digisense/", (string)a!["id"]!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_agent_may_not_read_the_figures_and_a_bad_period_is_refusedAsync()
    {
        var agent = await _host.AgentAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/admin/selfservice/figures")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Anonymous.GetAsync("/api/admin/selfservice/figures")).StatusCode);
        var admin = await _host.AdminAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/admin/selfservice/figures?days=0")).StatusCode);
    }
}
