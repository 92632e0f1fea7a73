using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Assistant.Bot.Turns;

namespace Assistant.Bot.Tests.Channel;

public sealed class DirectLineStreamTests : IDisposable
{
    private readonly ChannelAppFactory _factory = new();
    private readonly DirectLineTestClient _client;

    public DirectLineStreamTests() => _client = new DirectLineTestClient(_factory.CreateClient());

    [Fact]
    public async Task The_stream_replays_the_greeting_then_pushes_the_echo_and_the_reply_to_every_socket_of_the_conversationAsync()
    {
        var (conversationId, token, _, body) = await _client.StartAsync();
        using var first = await ConnectAsync((string)body["streamUrl"]!);
        using var second = await ConnectAsync(await FreshStreamUrlAsync(conversationId, token, null));

        Assert.True(BotReplies.IsGreeting((await ReceiveActivityAsync(first, a => BotReplies.IsFromBot(a))).Activity));
        Assert.True(BotReplies.IsGreeting((await ReceiveActivityAsync(second, a => BotReplies.IsFromBot(a))).Activity));

        var id = await _client.PostMessageAsync(conversationId, token, "bonjour", "ws-1");
        foreach (var socket in new[] { first, second })
        {
            var echo = await ReceiveActivityAsync(socket, a => (string?)a["id"] == id);
            Assert.Equal("ws-1", (string?)echo.Activity["channelData"]!["clientActivityID"]);
            Assert.NotNull(echo.Watermark);
            await ReceiveActivityAsync(socket, a => BotReplies.IsReplyTo(a, id));
        }
    }

    [Fact]
    public async Task Reconnecting_with_a_watermark_replays_only_what_came_after_itAsync()
    {
        var (conversationId, token, _, body) = await _client.StartAsync();
        string watermark;
        using (var socket = await ConnectAsync((string)body["streamUrl"]!))
        {
            watermark = (await ReceiveActivityAsync(socket, BotReplies.IsOpening)).Watermark!;
        }

        var missed = await _client.PostMessageAsync(conversationId, token, "pendant la coupure");
        await _client.WaitForActivityAsync(conversationId, token, a => BotReplies.IsReplyTo(a, missed));

        using var again = await ConnectAsync(await FreshStreamUrlAsync(conversationId, token, watermark));
        var replayed = await ReceiveActivityAsync(again, _ => true);
        Assert.Equal(missed, (string?)replayed.Activity["id"]);
    }

    [Fact]
    public async Task A_stream_url_works_once_and_typing_goes_to_sockets_without_a_watermarkAsync()
    {
        var (conversationId, token, _, body) = await _client.StartAsync();
        var streamUrl = (string)body["streamUrl"]!;
        using var socket = await ConnectAsync(streamUrl);
        await ReceiveActivityAsync(socket, BotReplies.IsGreeting);

        var reuse = () => ConnectAsync(streamUrl);
        await Assert.ThrowsAnyAsync<Exception>(reuse);

        using var typing = await _client.PostActivityAsync(conversationId, token, """{"type":"typing"}""");
        Assert.Equal(HttpStatusCode.OK, typing.StatusCode);
        var frame = await ReceiveActivityAsync(socket, a => (string?)a["type"] == "typing");
        Assert.Null(frame.Watermark);
    }

    [Fact]
    public async Task The_bot_shows_it_is_typing_as_soon_as_a_message_arrives_even_while_its_turn_waitsAsync()
    {
        var handler = new HeldTurns();
        using var factory = new ChannelAppFactory(ChannelAppFactory.NewDataDirectory(), handler: handler);
        var client = new DirectLineTestClient(factory.CreateClient());
        var (conversationId, token, _, body) = await client.StartAsync();
        using var socket = await factory.Server.CreateWebSocketClient().ConnectAsync(new Uri((string)body["streamUrl"]!), CancellationToken.None);

        var id = await client.PostMessageAsync(conversationId, token, "ma visio ne marche plus");
        var typing = await ReceiveActivityAsync(socket, a => (string?)a["type"] == "typing");

        // The turn has not run yet (the handler holds it): the indicator came from the channel, before the turn.
        Assert.Equal("bot", (string?)typing.Activity["from"]!["role"]);
        Assert.False(handler.Released.Task.IsCompleted);
        handler.Released.SetResult();
        var reply = await ReceiveActivityAsync(socket, a => BotReplies.IsReplyTo(a, id));
        Assert.Equal("vu : ma visio ne marche plus", (string?)reply.Activity["text"]);
    }

    /// <summary>Answers every message, but only once the test releases it.</summary>
    private sealed class HeldTurns : ITurnHandler
    {
        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
        {
            if (turn.Activity.Type != "message")
            {
                return;
            }

            await Released.Task.WaitAsync(cancellationToken);
            turn.Send(new Bot.Channel.Activities.Activity { Type = "message", Text = "vu : " + turn.Activity.Text });
        }
    }

    private async Task<string> FreshStreamUrlAsync(string conversationId, string token, string? watermark)
    {
        using var request = _client.Request(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}?watermark={watermark}", token);
        return (string)(await _client.SendForJsonAsync(request, HttpStatusCode.OK))["streamUrl"]!;
    }

    private async Task<WebSocket> ConnectAsync(string streamUrl)
    {
        var client = _factory.Server.CreateWebSocketClient();
        return await client.ConnectAsync(new Uri(streamUrl), CancellationToken.None);
    }

    /// <summary>
    /// Reads ActivitySet frames, skipping empty keep-alives, until an activity matches. On a timeout the failure lists
    /// what the socket did receive (type, sender, reply-to and watermark of each activity), to tell a lost push from a
    /// turn that never ended.
    /// </summary>
    private static async Task<(JsonObject Activity, string? Watermark)> ReceiveActivityAsync(WebSocket socket, Func<JsonObject, bool> match)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new byte[64 * 1024];
        var seen = new List<string>();
        while (true)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult frame;
            do
            {
                try
                {
                    frame = await socket.ReceiveAsync(buffer, timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    Assert.Fail($"No matching activity within 30 s; the socket received: [{string.Join("; ", seen)}]");
                    throw;
                }

                message.Write(buffer, 0, frame.Count);
            }
            while (!frame.EndOfMessage);

            var text = Encoding.UTF8.GetString(message.ToArray());
            if (text.Length == 0)
            {
                continue;
            }

            var set = JsonNode.Parse(text)!.AsObject();
            var activities = set["activities"]!.AsArray().OfType<JsonObject>().ToList();
            seen.AddRange(activities.Select(a => $"{a["type"]} from {a["from"]?["role"]} re {a["replyToId"]} @{set["watermark"]}"));
            var found = activities.FirstOrDefault(match);
            if (found is not null)
            {
                return (found, set["watermark"]?.GetValue<string>());
            }
        }
    }

    public void Dispose() => _factory.Dispose();
}
