using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Assistant.Bot.Tests.Channel;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Xunit.Abstractions;

namespace Assistant.Bot.Tests.Fuzz;

/// <summary>
/// Malformed requests on every operation of the OpenAPI document and every Direct Line route, over real HTTP (Kestrel):
/// no answer is a 5xx, no error is logged, and afterwards the service is healthy and still holds a conversation.
/// <c>FUZZ_REQUESTS</c> (default 5000) and <c>FUZZ_SEED</c> (default fixed) make a longer or another run.
/// </summary>
public sealed class ApiFuzzTests(ITestOutputHelper output) : IDisposable
{
    private const string AdminEmail = "fuzz-admin@example.com";
    private const string AdminPassword = "fuzz-password-0123";
    private readonly ChannelAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Malformed_requests_on_every_route_get_4xx_and_leave_the_service_healthyAsync()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_REQUESTS"), CultureInfo.InvariantCulture, out var n) ? n : 5000;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s : 20261202;
        var errors = new ErrorLogSink();
        _factory.Settings["Assistant:Bootstrap:AdminEmail"] = AdminEmail;
        _factory.Settings["Assistant:Bootstrap:AdminPassword"] = AdminPassword;
        // Production, as deployed: in Development minimal APIs throw on a bad parameter so the developer page can show it.
        using var host = _factory.WithWebHostBuilder(builder => builder.UseEnvironment("Production")
            .ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(errors)));
        host.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        host.StartServer();
        var address = new Uri(host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        // Generous: the first threshold preview scores the whole held-out set, which takes a while on a busy machine.
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(120) };
        var dl = new DirectLineTestClient(http);
        var (conversationId, token, userId, _) = await dl.StartAsync();
        var identities = new FuzzIdentities(await AdminTokenAsync(http), ChannelAppFactory.Secret, conversationId, token, userId);
        var operations = FuzzOperation.FromOpenApi((await http.GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!);
        // Retraining with a valid admin token would train a whole model set: it gets only the requests without one.
        var generator = new RequestGenerator(new Random(seed), identities);

        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();
        var closed = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var operation = operations[i % operations.Count];
            var request = generator.Next(operation);
            using var message = request.Message;
            if (operation.Path == "/api/admin/models/training" && operation.Method == "POST" && request.Description.Contains("auth=admin", StringComparison.Ordinal))
            {
                continue;
            }

            try
            {
                using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);
                var status = (int)response.StatusCode;
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                if (status >= 500)
                {
                    failures.Add($"#{i} {status} {request.Description}");
                }
            }
            catch (HttpRequestException) when (request.Description.Contains("huge", StringComparison.Ordinal))
            {
                // Kestrel may answer (401, 404…) without reading a 2 MB body and close the connection while it is still
                // being sent; a crash instead would show in the error log and the health checks below.
                closed++;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                failures.Add($"#{i} {ex.GetType().Name} {request.Description}");
            }
        }

        output.WriteLine($"{count} requests over {operations.Count} operations, seed {seed}, in {clock.Elapsed.TotalSeconds:0.0} s: "
            + string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}×{p.Value}")) + $", connection closed on a huge body ×{closed}");
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(30).Concat(errors.Errors.Take(10))));

        // Healthy after: probes, and a visitor still talks to the assistant.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz/ready")).StatusCode);
        var (fresh, freshToken, _, _) = await dl.StartAsync();
        await dl.WaitForActivityAsync(fresh, freshToken, BotReplies.IsOpening);
        var sent = await dl.PostMessageAsync(fresh, freshToken, "Bonjour, ma facture est fausse");
        await dl.WaitForActivityAsync(fresh, freshToken, a => (string?)a["from"]?["role"] == "bot" && (string?)a["replyToId"] == sent);
        Assert.True(errors.Errors.Count == 0, string.Join('\n', errors.Errors.Take(30)));
    }

    private static async Task<string> AdminTokenAsync(HttpClient http)
    {
        using var response = await http.PostAsJsonAsync("/api/auth/token", new { email = AdminEmail, password = AdminPassword });
        response.EnsureSuccessStatusCode();
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!;
    }
}
