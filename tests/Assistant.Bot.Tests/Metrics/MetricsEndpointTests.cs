using Assistant.Bot.Tests.Channel;
using Assistant.Bot.Tests.Intake;

namespace Assistant.Bot.Tests.Metrics;

/// <summary>What an operator's Prometheus scrapes at <c>/metrics</c>. Names only: speed is the load generator's business.</summary>
public sealed class MetricsEndpointTests : IDisposable
{
    private readonly ChannelAppFactory _factory = new();

    [Fact]
    public async Task After_one_turn_metrics_serves_the_turn_histogram_in_prometheus_textAsync()
    {
        var http = _factory.CreateClient();
        var chat = await ChatSession.StartAsync(new DirectLineTestClient(http), "dl_metrics");
        await chat.SayAsync("La facture de mars affiche deux fois le même abonnement, le montant est doublé.");

        // The turn is recorded when the pipeline returns, just after its last reply: scrape until it shows.
        var text = "";
        for (var attempt = 0; attempt < 50 && !text.Contains("assistant_turn_duration_seconds_count{", StringComparison.Ordinal); attempt++)
        {
            using var response = await http.GetAsync("/metrics");
            response.EnsureSuccessStatusCode();
            Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
            text = await response.Content.ReadAsStringAsync();
            await Task.Delay(200);
        }

        Assert.Contains("# TYPE assistant_turn_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.Matches("assistant_turn_duration_seconds_bucket\\{[^}]*type=\"message\"", text);
        Assert.Matches("assistant_turn_step_duration_seconds_count\\{[^}]*step=\"dialog\"", text);
        Assert.Matches("assistant_turn_step_duration_seconds_count\\{[^}]*step=\"storage\"", text);
        Assert.Matches("assistant_moderation_decisions_total\\{[^}]*label=\"", text);
        Assert.Contains("assistant_turn_queue_depth", text, StringComparison.Ordinal);
        Assert.Contains("assistant_turns_in_flight", text, StringComparison.Ordinal);
        Assert.Matches("assistant_journal_queued\\{[^}]*\\} \\d+", text);
        Assert.Matches("assistant_journal_behind\\{[^}]*\\} \\d+", text);
    }

    public void Dispose() => _factory.Dispose();
}
