using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Assistant.Bot.Channel.Streaming;

/// <summary>The open WebSockets of each conversation; every socket of a conversation gets every message.</summary>
public sealed class ConversationHub
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, System.Threading.Channels.Channel<StreamMessage>>> _subscribers = new();

    public Subscription Subscribe(string conversationId)
    {
        var queue = System.Threading.Channels.Channel.CreateUnbounded<StreamMessage>(new UnboundedChannelOptions { SingleReader = true });
        var id = Guid.NewGuid();
        _subscribers.GetOrAdd(conversationId, _ => new())[id] = queue;
        return new Subscription(queue.Reader, () =>
        {
            if (_subscribers.TryGetValue(conversationId, out var sockets))
            {
                sockets.TryRemove(id, out _);
                queue.Writer.TryComplete();
            }
        });
    }

    public int CountSockets(string conversationId) =>
        _subscribers.TryGetValue(conversationId, out var sockets) ? sockets.Count : 0;

    /// <summary>Non-blocking: the queues are unbounded, so it can be called under the store's append lock.</summary>
    public void Publish(string conversationId, StreamMessage message)
    {
        if (_subscribers.TryGetValue(conversationId, out var sockets))
        {
            foreach (var queue in sockets.Values)
            {
                queue.Writer.TryWrite(message);
            }
        }
    }

    public sealed class Subscription(ChannelReader<StreamMessage> reader, Action unsubscribe) : IDisposable
    {
        public ChannelReader<StreamMessage> Reader { get; } = reader;

        public void Dispose() => unsubscribe();
    }
}
