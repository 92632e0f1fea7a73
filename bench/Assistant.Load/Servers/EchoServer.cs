using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Assistant.Load.Servers;

/// <summary>
/// The baseline: bare Kestrel in this process, speaking the Direct Line surface the load client uses (page token,
/// start, WebSocket stream, post) with one bot reply per message, all in memory: no storage, no models, no dialog.
/// What the assistant adds on top of the protocol is its turns per second measured against this.
/// </summary>
public sealed class EchoServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, EchoConversation> _conversations = new();
    private WebApplication? _app;
    private long _ids;

    public Uri Address { get; private set; } = null!;

    public static async Task<EchoServer> StartAsync()
    {
        var server = new EchoServer();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.UseWebSockets();
        app.MapPost("/api/directline/token", server.IssueTokenAsync);
        app.MapPost("/v3/directline/conversations", server.StartConversationAsync);
        app.MapGet("/v3/directline/conversations/{conversationId}/stream", server.StreamAsync);
        app.MapPost("/v3/directline/conversations/{conversationId}/activities", server.PostActivityAsync);
        await app.StartAsync();
        server._app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Address = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return server;
    }

    private Task IssueTokenAsync(HttpContext context)
    {
        var userId = "dl_echo" + Interlocked.Increment(ref _ids).ToString(CultureInfo.InvariantCulture);
        return WriteJsonAsync(context.Response, StatusCodes.Status200OK, writer =>
        {
            writer.WriteString("token", "echo." + userId);
            writer.WriteString("userId", userId);
            writer.WriteNumber("expires_in", 1800);
        });
    }

    private Task StartConversationAsync(HttpContext context)
    {
        if (!context.Request.Headers.Authorization.ToString().StartsWith("Bearer echo.", StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        }

        var id = "echo" + Interlocked.Increment(ref _ids).ToString(CultureInfo.InvariantCulture);
        _conversations[id] = new EchoConversation(id);
        var streamUrl = $"ws://{context.Request.Host}/v3/directline/conversations/{id}/stream?watermark=&t=echo";
        return WriteJsonAsync(context.Response, StatusCodes.Status201Created, writer =>
        {
            writer.WriteString("conversationId", id);
            writer.WriteString("token", context.Request.Headers.Authorization.ToString()["Bearer ".Length..]);
            writer.WriteNumber("expires_in", 1800);
            writer.WriteString("streamUrl", streamUrl);
        });
    }

    private async Task StreamAsync(string conversationId, HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest || !_conversations.TryGetValue(conversationId, out var conversation))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var closing = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var draining = DrainAsync(socket, closing);
        try
        {
            // The real assistant greets every new conversation; so does the echo, so both chats start alike.
            conversation.Publish(BotMessage(conversation, "Bonjour, je suis l'écho.", replyToId: null));
            await foreach (var frame in conversation.Frames.Reader.ReadAllAsync(closing.Token))
            {
                await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, closing.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The client left.
        }
        finally
        {
            await closing.CancelAsync();
            await draining;
            _conversations.TryRemove(conversationId, out _);
        }
    }

    private static async Task DrainAsync(WebSocket socket, CancellationTokenSource closing)
    {
        var buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var frame = await socket.ReceiveAsync(buffer.AsMemory(), closing.Token);
                if (frame.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // Closed from either side.
        }
        finally
        {
            await closing.CancelAsync();
        }
    }

    private async Task PostActivityAsync(string conversationId, HttpContext context)
    {
        if (!_conversations.TryGetValue(conversationId, out var conversation))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var body = await context.Request.BodyReader.ReadAsync();
        while (!body.IsCompleted)
        {
            context.Request.BodyReader.AdvanceTo(body.Buffer.Start, body.Buffer.End);
            body = await context.Request.BodyReader.ReadAsync();
        }

        string text, clientId;
        try
        {
            var reader = new Utf8JsonReader(body.Buffer);
            using var activity = JsonDocument.ParseValue(ref reader);
            text = activity.RootElement.TryGetProperty("text", out var t) ? t.GetString() ?? "" : "";
            clientId = activity.RootElement.TryGetProperty("channelData", out var data) && data.TryGetProperty("clientActivityID", out var c) ? c.GetString() ?? "" : "";
        }
        catch (JsonException)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        finally
        {
            context.Request.BodyReader.AdvanceTo(body.Buffer.End);
        }

        var id = conversation.NextId(out var watermark);
        conversation.Publish(ActivitySet(watermark, writer =>
        {
            writer.WriteString("type", "message");
            writer.WriteString("id", id);
            writer.WriteString("timestamp", DateTimeOffset.UtcNow);
            writer.WriteString("channelId", "directline");
            writer.WriteStartObject("from");
            writer.WriteString("id", "user");
            writer.WriteString("role", "user");
            writer.WriteEndObject();
            writer.WriteStartObject("conversation");
            writer.WriteString("id", conversation.Id);
            writer.WriteEndObject();
            writer.WriteString("text", text);
            writer.WriteStartObject("channelData");
            writer.WriteString("clientActivityID", clientId);
            writer.WriteEndObject();
        }));
        conversation.Publish(BotMessage(conversation, "Reçu : " + text, replyToId: id));
        await WriteJsonAsync(context.Response, StatusCodes.Status200OK, writer => writer.WriteString("id", id));
    }

    private static byte[] BotMessage(EchoConversation conversation, string text, string? replyToId)
    {
        var id = conversation.NextId(out var watermark);
        return ActivitySet(watermark, writer =>
        {
            writer.WriteString("type", "message");
            writer.WriteString("id", id);
            writer.WriteString("timestamp", DateTimeOffset.UtcNow);
            writer.WriteString("channelId", "directline");
            writer.WriteStartObject("from");
            writer.WriteString("id", "bot");
            writer.WriteString("name", "Echo");
            writer.WriteString("role", "bot");
            writer.WriteEndObject();
            writer.WriteStartObject("conversation");
            writer.WriteString("id", conversation.Id);
            writer.WriteEndObject();
            writer.WriteString("text", text);
            writer.WriteString("locale", "fr-FR");
            writer.WriteString("inputHint", "acceptingInput");
            if (replyToId is not null)
            {
                writer.WriteString("replyToId", replyToId);
            }
        });
    }

    /// <summary><c>{"activities":[one],"watermark":"n"}</c>, as the real channel pushes each stored activity.</summary>
    private static byte[] ActivitySet(long watermark, Action<Utf8JsonWriter> activity)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("activities");
            writer.WriteStartObject();
            activity(writer);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteString("watermark", watermark.ToString(CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static async Task WriteJsonAsync(HttpResponse response, int status, Action<Utf8JsonWriter> body)
    {
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        await using (var writer = new Utf8JsonWriter(response.BodyWriter))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        await response.BodyWriter.FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>One conversation's frames for its socket, and its watermark.</summary>
    private sealed class EchoConversation(string id)
    {
        private long _watermark;

        public string Id { get; } = id;

        public Channel<byte[]> Frames { get; } = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });

        public string NextId(out long watermark)
        {
            watermark = Interlocked.Increment(ref _watermark);
            return Id + "|" + watermark.ToString("D7", CultureInfo.InvariantCulture);
        }

        public void Publish(byte[] frame) => Frames.Writer.TryWrite(frame);
    }
}
