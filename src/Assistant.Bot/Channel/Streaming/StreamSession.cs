using System.Net.WebSockets;
using Assistant.Bot.Channel.Storage;
using Assistant.Bot.Metrics;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Channel.Streaming;

/// <summary>
/// Serves one WebSocket: replays the log after the client's watermark, then forwards live messages, with an
/// empty text frame as keep-alive. Frames from the client are read and ignored (DirectLineJS pings with "").
/// </summary>
public sealed partial class StreamSession(
    ConversationHub hub,
    ConversationStore store,
    IOptions<DirectLineOptions> options,
    IHostApplicationLifetime lifetime,
    TurnMetrics metrics,
    ILogger<StreamSession> logger)
{
    public async Task RunAsync(HttpContext context, string conversationId, long watermark)
    {
        // Subscribe before the handshake ends and before reading the log, so nothing published once the client holds
        // the socket is lost (an ephemeral typing indicator included); duplicates are skipped by watermark.
        using var subscription = hub.Subscribe(conversationId);
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var cancellationToken = context.RequestAborted;
        // Server shutdown ends the socket too; otherwise Kestrel would wait for it until the shutdown timeout.
        using var closing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        var receiving = DrainClientFramesAsync(socket, closing);
        LogOpened(logger, conversationId, watermark);
        try
        {
            var sent = await ReplayAsync(socket, conversationId, watermark, closing.Token);
            await ForwardLiveAsync(socket, subscription, sent, closing.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The client went away or the server is stopping: nothing to report.
        }
        finally
        {
            await closing.CancelAsync();
            await receiving;
            await CloseQuietlyAsync(socket);
            LogClosed(logger, conversationId);
        }
    }

    private async Task<long> ReplayAsync(WebSocket socket, string conversationId, long watermark, CancellationToken cancellationToken)
    {
        var sent = watermark;
        while (true)
        {
            var page = store.ReadAfter(conversationId, sent);
            if (page.Count == 0)
            {
                return sent;
            }

            sent = page[^1].Watermark;
            await SendAsync(socket, [.. page.Select(a => a.Json)], sent, cancellationToken);
        }
    }

    private async Task ForwardLiveAsync(WebSocket socket, ConversationHub.Subscription subscription, long sent, CancellationToken cancellationToken)
    {
        var keepAlive = options.Value.KeepAliveInterval;
        while (socket.State == WebSocketState.Open)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(keepAlive);
            bool available;
            try
            {
                available = await subscription.Reader.WaitToReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                await socket.SendAsync(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
                continue;
            }

            if (!available)
            {
                return;
            }

            while (subscription.Reader.TryRead(out var message))
            {
                if (message.Watermark is { } mark)
                {
                    if (mark <= sent)
                    {
                        continue;
                    }

                    sent = mark;
                }

                var pushing = TurnMetrics.Start();
                await SendAsync(socket, [message.ActivityJson], message.Watermark is null ? null : sent, cancellationToken);
                metrics.Step(TurnSteps.Push, pushing);
            }
        }
    }

    private static async Task DrainClientFramesAsync(WebSocket socket, CancellationTokenSource closing)
    {
        var buffer = new byte[4096];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var frame = await socket.ReceiveAsync(buffer, closing.Token);
                if (frame.MessageType == WebSocketMessageType.Close)
                {
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

    private static async Task CloseQuietlyAsync(WebSocket socket)
    {
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            }
        }
        catch (WebSocketException)
        {
            // Already gone.
        }
    }

    private static async Task SendAsync(WebSocket socket, IReadOnlyList<string> activitiesJson, long? watermark, CancellationToken cancellationToken)
    {
        var frame = ActivitySets.ToUtf8(activitiesJson, watermark);
        await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream opened on conversation {ConversationId} after watermark {Watermark}")]
    private static partial void LogOpened(ILogger logger, string conversationId, long watermark);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream closed on conversation {ConversationId}")]
    private static partial void LogClosed(ILogger logger, string conversationId);
}
