using System.Collections.Concurrent;
using System.Threading.Channels;
using Assistant.Bot.Auth;

namespace Assistant.Bot.Handoff;

/// <summary>
/// The live feed of the agent consoles: each open console (one Server-Sent Events stream) receives the
/// events of the operators its agent handles. An open console is also what "an agent is online" means.
/// </summary>
public sealed class AgentFeed
{
    private readonly ConcurrentDictionary<Guid, Listener> _listeners = new();

    public Subscription Subscribe(StaffScope scope)
    {
        var listener = new Listener(scope, System.Threading.Channels.Channel.CreateUnbounded<FeedEvent>(new UnboundedChannelOptions { SingleReader = true }));
        var id = Guid.NewGuid();
        _listeners[id] = listener;
        return new Subscription(listener.Queue.Reader, () =>
        {
            _listeners.TryRemove(id, out _);
            listener.Queue.Writer.TryComplete();
        });
    }

    /// <summary>Non-blocking; only consoles whose agent handles that operator receive it.</summary>
    public void Publish(string operatorId, FeedEvent feedEvent)
    {
        foreach (var listener in _listeners.Values.Where(l => l.Scope.CanSee(operatorId)))
        {
            listener.Queue.Writer.TryWrite(feedEvent);
        }
    }

    /// <summary>Distinct staff users with a console open for that operator.</summary>
    public int AgentsOnline(string operatorId) =>
        _listeners.Values.Where(l => l.Scope.CanSee(operatorId)).Select(l => l.Scope.StaffId).Distinct().Count();

    private sealed record Listener(StaffScope Scope, System.Threading.Channels.Channel<FeedEvent> Queue);

    public sealed class Subscription(ChannelReader<FeedEvent> reader, Action unsubscribe) : IDisposable
    {
        public ChannelReader<FeedEvent> Reader { get; } = reader;

        public void Dispose() => unsubscribe();
    }
}

/// <summary>One Server-Sent Event: its name (<c>handoff</c>, <c>activity</c>) and its JSON data.</summary>
public sealed record FeedEvent(string Name, string Json);
