using System.Text.Json.Nodes;
using Assistant.Bot.Tests.Channel;
using Assistant.Ticketing.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Assistant.Bot.Tests.Intake;

/// <summary>
/// Intake conversations spoken by the real botframework-directlinejs client over WebSocket
/// (tests/protocol/intake-scenarios.js), then the tickets they filed are read back from the store.
/// </summary>
[Trait("Category", "Protocol")]
public sealed class DirectLineJsScenarioTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Directlinejs_conversations_file_the_tickets_they_describeAsync()
    {
        using var factory = new ChannelAppFactory();
        var server = factory.StartKestrel();

        var results = await RunNodeAsync("intake-scenarios.js", server, output);

        var tickets = factory.Services.GetRequiredService<ITicketService>();
        Ticket Filed(string scenario)
        {
            var result = results.Single(r => (string?)r["scenario"] == scenario);
            var ticket = tickets.Find((string)result["reference"]!)!;
            Assert.Equal((string?)result["userId"], ticket.Requester.UserId);
            output.WriteLine($"{scenario}: {(int)result["turns"]!} user messages");
            return ticket;
        }

        var allInOne = Filed("fr-all-in-one");
        Assert.Equal(("vroom", "incident", "Paul Martin", "paul.martin@example.com", "+33 6 00 00 00 12"),
            (allInOne.Product, allInOne.Category, allInOne.Requester.Name, allInOne.Requester.Email, allInOne.Requester.Phone));
        var english = Filed("en-step-by-step");
        Assert.Equal(("ibox", "John Smith", null), (english.Product, english.Requester.Name, english.Requester.Phone));
        Assert.Contains("sync has been failing", english.Description, StringComparison.Ordinal);
        var billing = Filed("fr-customer");
        Assert.Equal(("billing", "client-space", "+33 1 23 45 67 89"), (billing.Category, billing.Product, billing.Requester.Phone));
    }

    private static async Task<List<JsonObject>> RunNodeAsync(string script, Uri server, ITestOutputHelper output)
    {
        var result = await NodeScript.RunAsync(script, server, TimeSpan.FromMinutes(3));
        output.WriteLine(result.Errors); // the transcript of every scenario
        Assert.True(result.ExitCode == 0, $"node {script} exited with {result.ExitCode}:\n{result.Output}\n{result.Errors}");
        return [.. result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => (JsonObject)JsonNode.Parse(line)!)];
    }
}
