using System.Threading.Channels;
using Assistant.Bot.Metrics;

namespace Assistant.Bot.Channel.Turns;

/// <summary>Hands stored activities from the HTTP requests to <see cref="TurnWorker"/>; enqueueing never waits.</summary>
public sealed class TurnQueue(TurnMetrics metrics)
{
    private readonly System.Threading.Channels.Channel<TurnWorkItem> _items = System.Threading.Channels.Channel.CreateUnbounded<TurnWorkItem>(
        new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<TurnWorkItem> Reader => _items.Reader;

    public void Enqueue(TurnWorkItem item)
    {
        if (_items.Writer.TryWrite(item))
        {
            metrics.Queued();
        }
    }
}
