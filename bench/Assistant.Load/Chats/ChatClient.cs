using System.Buffers;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Assistant.Load.Chats;

/// <summary>
/// One customer's chat as WebChat speaks it: a page token, a started conversation, its own WebSocket stream, and
/// messages posted one turn at a time. The socket reader times the turn: its first bot message, and its last one
/// (the bot marks all others <c>ignoringInput</c>).
/// </summary>
public sealed partial class ChatClient(HttpClient http, Uri server, string operatorId) : IAsyncDisposable
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    private readonly Lock _gate = new();
    private readonly ArrayBufferWriter<byte> _body = new(1024);
    private ClientWebSocket? _socket;
    private CancellationTokenSource? _closing;
    private Task _reading = Task.CompletedTask;
    private PendingTurn? _pending;
    private Uri? _activities;
    private AuthenticationHeaderValue? _authorization;
    private string _userId = "";
    private int _sent;
    private int _stray;

    /// <summary>The slot the bot's last prompt asks for (null: it asked nothing), and the values of its suggested actions.</summary>
    public string? Slot { get; private set; }

    public IReadOnlyList<string> Choices { get; private set; } = [];

    /// <summary>Bot messages that arrived when no turn waited, or that answered an earlier message (after a timeout).</summary>
    public int StrayMessages => Volatile.Read(ref _stray);

    /// <summary>Page token, start, stream; the outcome is the greeting turn.</summary>
    public async Task<TurnOutcome> OpenAsync(TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var page = await PostForJsonAsync(new Uri(server, "/api/directline/token"), null, $$"""{"operator":"{{operatorId}}"}""");
            _userId = page.RootElement.GetProperty("userId").GetString()!;
            var pageToken = new AuthenticationHeaderValue("Bearer", page.RootElement.GetProperty("token").GetString());
            using var start = await PostForJsonAsync(new Uri(server, "/v3/directline/conversations"), pageToken, """{"user":{},"locale":"fr-FR"}""");
            var conversationId = start.RootElement.GetProperty("conversationId").GetString()!;
            _authorization = new AuthenticationHeaderValue("Bearer", start.RootElement.GetProperty("token").GetString());
            _activities = new Uri(server, $"/v3/directline/conversations/{Uri.EscapeDataString(conversationId)}/activities");

            var greeting = new PendingTurn(null, started, expectsTicket: false);
            lock (_gate)
            {
                _pending = greeting;
            }
            _socket = new ClientWebSocket();
            // The server sends keep-alives; client pings would only add frames.
            _socket.Options.KeepAliveInterval = TimeSpan.Zero;
            _socket.Options.Proxy = null;
            _closing = new CancellationTokenSource();
            await _socket.ConnectAsync(new Uri(start.RootElement.GetProperty("streamUrl").GetString()!), CancellationToken.None);
            _reading = ReadAsync(_socket, _closing.Token);
            return await WaitAsync(greeting, timeout);
        }
        catch (Exception ex) when (ex is HttpRequestException or WebSocketException or TaskCanceledException or JsonException or KeyNotFoundException)
        {
            return new TurnOutcome(TurnResult.HttpError, started, 0, 0, false);
        }
    }

    /// <summary>Posts one message and waits for the end of the bot's turn.</summary>
    public async Task<TurnOutcome> SayAsync(string text, TimeSpan timeout)
    {
        var clientId = "c" + (++_sent).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _body.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_body))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "message");
            writer.WriteString("text", text);
            writer.WriteString("locale", "fr-FR");
            writer.WriteStartObject("from");
            writer.WriteString("id", _userId);
            writer.WriteEndObject();
            writer.WriteStartObject("channelData");
            writer.WriteString("clientActivityID", clientId);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        var turn = new PendingTurn(clientId, Stopwatch.GetTimestamp(), expectsTicket: Slot == "confirmation");
        lock (_gate)
        {
            _pending = turn;
        }
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _activities) { Content = new ReadOnlyMemoryContent(_body.WrittenMemory) };
            request.Content.Headers.ContentType = JsonType;
            request.Headers.Authorization = _authorization;
            using var response = await http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                Abandon(turn);
                return new TurnOutcome(TurnResult.HttpError, turn.StartedAt, 0, 0, false);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            Abandon(turn);
            return new TurnOutcome(TurnResult.HttpError, turn.StartedAt, 0, 0, false);
        }

        return await WaitAsync(turn, timeout);
    }

    private async Task<TurnOutcome> WaitAsync(PendingTurn turn, TimeSpan timeout)
    {
        bool ended;
        try
        {
            ended = await turn.Done.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Abandon(turn);
            return new TurnOutcome(TurnResult.NoReply, turn.StartedAt, turn.FirstAt, 0, false);
        }

        if (!ended)
        {
            return new TurnOutcome(TurnResult.SocketDrop, turn.StartedAt, turn.FirstAt, 0, false);
        }

        Slot = turn.Slot;
        Choices = turn.Choices;
        return new TurnOutcome(TurnResult.Ok, turn.StartedAt, turn.FirstAt, turn.EndedAt, turn.FiledTicket, turn.TypingAt);
    }

    private void Abandon(PendingTurn turn)
    {
        lock (_gate)
        {
            if (_pending == turn)
            {
                _pending = null;
            }
        }
    }

    private async Task ReadAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var count = 0;
                ValueWebSocketReceiveResult frame;
                do
                {
                    if (count == buffer.Length)
                    {
                        Array.Resize(ref buffer, buffer.Length * 2);
                    }
                    frame = await socket.ReceiveAsync(buffer.AsMemory(count), cancellationToken);
                    count += frame.Count;
                }
                while (!frame.EndOfMessage);

                if (frame.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
                // Empty frames are the server's keep-alives.
                if (count > 0)
                {
                    OnActivitySet(buffer.AsMemory(0, count), Stopwatch.GetTimestamp());
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or JsonException)
        {
            // Closed by us, by the server, or garbage: the waiting turn (if any) ends as a socket drop below.
        }
        finally
        {
            PendingTurn? orphan;
            lock (_gate)
            {
                orphan = _pending;
                _pending = null;
            }
            orphan?.Done.TrySetResult(false);
        }
    }

    private void OnActivitySet(ReadOnlyMemory<byte> json, long receivedAt)
    {
        using var set = JsonDocument.Parse(json);
        if (!set.RootElement.TryGetProperty("activities", out var activities))
        {
            return;
        }

        foreach (var activity in activities.EnumerateArray())
        {
            if (activity.TryGetProperty("type", out var kind) && kind.ValueEquals("typing"))
            {
                OnBotTyping(receivedAt);
                continue;
            }

            if (!activity.TryGetProperty("type", out var type) || !type.ValueEquals("message")
                || !activity.TryGetProperty("from", out var from) || !from.TryGetProperty("role", out var role))
            {
                continue; // typing, events, joins
            }

            if (role.ValueEquals("bot"))
            {
                OnBotMessage(activity, receivedAt);
            }
            else
            {
                OnOwnMessageEcho(activity);
            }
        }
    }

    private void OnOwnMessageEcho(JsonElement activity)
    {
        lock (_gate)
        {
            if (_pending?.ClientActivityId is { } clientId
                && activity.TryGetProperty("channelData", out var data)
                && data.TryGetProperty("clientActivityID", out var echoed) && echoed.ValueEquals(clientId))
            {
                _pending.ActivityId = activity.GetProperty("id").GetString();
            }
        }
    }

    private void OnBotTyping(long receivedAt)
    {
        lock (_gate)
        {
            if (_pending is { TypingAt: 0 } turn)
            {
                turn.TypingAt = receivedAt;
            }
        }
    }

    private void OnBotMessage(JsonElement activity, long receivedAt)
    {
        PendingTurn? ended = null;
        lock (_gate)
        {
            var turn = _pending;
            if (turn is null
                || (turn.ActivityId is { } id && activity.TryGetProperty("replyToId", out var replyTo) && !replyTo.ValueEquals(id)))
            {
                _stray++;
                return;
            }

            if (turn.FirstAt == 0)
            {
                turn.FirstAt = receivedAt;
            }
            if (activity.TryGetProperty("inputHint", out var hint) && hint.ValueEquals("ignoringInput"))
            {
                return; // more is coming in this turn
            }

            turn.EndedAt = receivedAt;
            turn.Slot = activity.TryGetProperty("channelData", out var data) && data.TryGetProperty("slot", out var slot) ? slot.GetString() : null;
            turn.Choices = ChoicesOf(activity);
            turn.FiledTicket = turn.ExpectsTicket && activity.TryGetProperty("text", out var text) && TicketReference().IsMatch(text.GetString() ?? "");
            _pending = null;
            ended = turn;
        }
        ended.Done.TrySetResult(true);
    }

    private static string[] ChoicesOf(JsonElement activity)
    {
        if (!activity.TryGetProperty("suggestedActions", out var suggested) || !suggested.TryGetProperty("actions", out var actions))
        {
            return [];
        }
        var values = new string[actions.GetArrayLength()];
        var i = 0;
        foreach (var action in actions.EnumerateArray())
        {
            values[i++] = action.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
        }
        return values;
    }

    private async Task<JsonDocument> PostForJsonAsync(Uri uri, AuthenticationHeaderValue? authorization, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(json, JsonType) };
        request.Headers.Authorization = authorization;
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket is not { } socket)
        {
            return;
        }

        // A normal close first, so the server ends its stream cleanly; the reader stops on the server's close frame.
        try
        {
            using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, quick.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or InvalidOperationException)
        {
            // Already closed or aborted.
        }
        await Task.WhenAny(_reading, Task.Delay(TimeSpan.FromSeconds(2)));
        await _closing!.CancelAsync();
        await _reading;
        socket.Dispose();
        _closing.Dispose();
        _socket = null;
    }

    [GeneratedRegex(@"(?:DGS|ICN)-\d{4}-\d{6}")]
    private static partial Regex TicketReference();
}
