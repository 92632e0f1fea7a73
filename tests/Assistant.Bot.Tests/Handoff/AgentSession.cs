using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Assistant.Bot.Tests.Handoff;

/// <summary>An agent as the console acts: REST calls with the bearer token, and the live feed read as Server-Sent Events.</summary>
public sealed class AgentSession(string name, HttpClient http) : IAsyncDisposable
{
    private readonly System.Threading.Channels.Channel<(string Name, JsonNode? Data)> _events = System.Threading.Channels.Channel.CreateUnbounded<(string, JsonNode?)>();
    private readonly List<(string Name, JsonNode? Data)> _seen = [];
    private CancellationTokenSource? _feedStop;
    private Task? _feedReader;

    public string Name { get; } = name;

    public HttpClient Http { get; } = http;

    /// <summary>Opens the feed the way the console does: a stream token, then the event stream. The agent is then online.</summary>
    public async Task OpenFeedAsync()
    {
        using var tokenResponse = await Http.PostAsync("/api/agent/stream-token", null);
        Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);
        var token = (string)(await tokenResponse.Content.ReadFromJsonAsync<JsonObject>())!["token"]!;
        _feedStop = new CancellationTokenSource();
        var response = await Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/agent/events?t={token}"), HttpCompletionOption.ResponseHeadersRead, _feedStop.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        _feedReader = ReadFeedAsync(response, _feedStop.Token);
        await NextEventAsync(e => e.Name == "queue");
    }

    /// <summary>The first feed event (already received or still to come) that matches; fails after ten seconds.</summary>
    public async Task<(string Name, JsonNode? Data)> NextEventAsync(Func<(string Name, JsonNode? Data), bool> match)
    {
        lock (_seen)
        {
            var index = _seen.FindIndex(e => match(e));
            if (index >= 0)
            {
                var found = _seen[index];
                _seen.RemoveAt(index);
                return found;
            }
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var next = await _events.Reader.ReadAsync(timeout.Token);
            if (match(next))
            {
                return next;
            }

            lock (_seen)
            {
                _seen.Add(next);
            }
        }
    }

    /// <summary>
    /// Whether any event received so far matches, apart from those <see cref="NextEventAsync"/> returned. Only meaningful
    /// after waiting for a later event: the feed delivers in order.
    /// </summary>
    public bool HasReceived(Func<(string Name, JsonNode? Data), bool> match)
    {
        lock (_seen)
        {
            while (_events.Reader.TryRead(out var next))
            {
                _seen.Add(next);
            }

            return _seen.Any(match);
        }
    }

    public Task<HttpResponseMessage> AcceptAsync(string conversationId) => Http.PostAsync($"/api/handoffs/{conversationId}/accept", null);

    public Task<HttpResponseMessage> CompleteAsync(string conversationId, bool resolved = false) =>
        Http.PostAsJsonAsync($"/api/handoffs/{conversationId}/complete", new { resolved });

    public Task<HttpResponseMessage> SayAsync(string conversationId, string text) =>
        Http.PostAsJsonAsync($"/api/conversations/{conversationId}/messages", new { text });

    public async Task<JsonArray> QueueAsync(string? state = null)
    {
        var list = await Http.GetFromJsonAsync<JsonArray>(state is null ? "/api/handoffs" : $"/api/handoffs?state={state}");
        return list!;
    }

    public async ValueTask DisposeAsync()
    {
        if (_feedStop is not null)
        {
            await _feedStop.CancelAsync();
            try
            {
                await _feedReader!;
            }
            catch (OperationCanceledException)
            {
                // Closed by the test.
            }

            _feedStop.Dispose();
        }

        Http.Dispose();
    }

    private async Task ReadFeedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
            string? eventName = null;
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    eventName = line["event: ".Length..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal) && eventName is not null)
                {
                    await _events.Writer.WriteAsync((eventName, JsonNode.Parse(line["data: ".Length..])), cancellationToken);
                    eventName = null;
                }
            }
        }
    }
}
