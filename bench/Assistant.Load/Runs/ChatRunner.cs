using System.Diagnostics;
using Assistant.Load.Chats;

namespace Assistant.Load.Runs;

/// <summary>One simulated customer for the length of a run: its chat (reopened after a failed turn), script and turns.</summary>
public sealed class ChatRunner(int index, HttpClient http, Uri server, LoadOptions options)
{
    private static readonly string[] Operators = ["digisense", "icosnet"];

    private readonly Random _random = new(HashCode.Combine(options.Seed, index));
    private readonly ChatScript _script = new(index, new Random(HashCode.Combine(options.Seed, index, 1)));
    private ChatClient _chat = null!;

    public List<TurnOutcome> Turns { get; } = new(256);

    /// <summary>New conversations opened after a turn failed (the old one may be stuck, e.g. waiting for an agent).</summary>
    public int Reopened { get; private set; }

    /// <summary>Paced mode: messages sent late because the previous turn had not ended when the next was due.</summary>
    public int LateSends { get; private set; }

    public int StrayMessages { get; private set; }

    public async Task<bool> OpenAsync()
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            _chat = new ChatClient(http, server, Operators[index % Operators.Length]);
            if ((await _chat.OpenAsync(options.Timeout)).Result == TurnResult.Ok)
            {
                return true;
            }
            await _chat.DisposeAsync();
            await Task.Delay(500);
        }
        return false;
    }

    public async Task DriveAsync(long windowStart, long windowEnd)
    {
        if (options.Mode == LoadMode.Closed)
        {
            while (Stopwatch.GetTimestamp() < windowEnd)
            {
                await TurnAsync(windowEnd);
            }
            return;
        }

        // Paced: chats start spread over one interval, then each waits about an interval (±25 %) between messages.
        var interval = options.Interval.TotalSeconds * Stopwatch.Frequency;
        var due = windowStart + (long)(interval * _random.NextDouble());
        while (due < windowEnd)
        {
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
            await TurnAsync(windowEnd);
            // A turn longer than the pause: the next message goes at once, without a burst to catch up.
            var next = due + (long)(interval * (0.75 + (0.5 * _random.NextDouble())));
            var now = Stopwatch.GetTimestamp();
            if (next < now)
            {
                LateSends++;
            }
            due = Math.Max(next, now);
        }
    }

    private async Task TurnAsync(long windowEnd)
    {
        var text = _script.Answer(_chat.Slot, _chat.Choices);
        var outcome = await _chat.SayAsync(text, options.Timeout);
        Turns.Add(outcome);
        if (options.Trace && index == 0)
        {
            Console.Error.WriteLine($"  chat 0: \"{text}\" → {outcome.Result}, next slot {_chat.Slot ?? "(none)"}{(outcome.FiledTicket ? ", ticket filed" : "")}");
        }
        if (outcome.Result == TurnResult.Ok)
        {
            return;
        }

        // The conversation may be in a state the script cannot follow (or gone): carry on in a new one.
        StrayMessages += _chat.StrayMessages;
        await _chat.DisposeAsync();
        while (Stopwatch.GetTimestamp() < windowEnd && !await OpenAsync())
        {
            await Task.Delay(1000);
        }
        Reopened++;
    }

    public async Task CloseAsync()
    {
        StrayMessages += _chat.StrayMessages;
        await _chat.DisposeAsync();
    }
}
