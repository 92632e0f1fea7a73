using System.Collections.Concurrent;
using LiteDB;

namespace Assistant.Bot.Channel.Storage.Journal;

/// <summary>
/// What the journal holds and <c>conversations.db</c> does not yet: reads of the log look here first, then in the file.
/// An entry is added once it is durable, before anything about it is published, and removed only after the file's
/// transaction that holds it has committed, so a read that looks here and then in the file never misses it.
/// </summary>
public sealed class PendingWrites
{
    private readonly ConcurrentDictionary<string, Conversation> _conversations = new(StringComparer.Ordinal);

    /// <summary>Conversations with something not yet in the file.</summary>
    public int Count => _conversations.Count;

    /// <summary>Whether the journal holds anything of that conversation that the file does not have yet.</summary>
    public bool Holds(string conversationId) => _conversations.ContainsKey(conversationId);

    public void Add(JournalEntry entry)
    {
        while (true)
        {
            var pending = _conversations.GetOrAdd(entry.ConversationId, _ => new Conversation());
            lock (pending)
            {
                if (pending.Retired)
                {
                    continue; // emptied and removed meanwhile: add to its successor
                }

                foreach (var activity in entry.Activities)
                {
                    pending.Activities.Add((entry.Sequence, activity));
                }

                if (entry.Dialog is not null)
                {
                    pending.Dialog = (entry.Sequence, entry.Dialog);
                }

                if (entry.Conversation is not null)
                {
                    pending.Record = (entry.Sequence, entry.Conversation);
                }

                return;
            }
        }
    }

    /// <summary>After the file committed everything up to <paramref name="sequence"/> for these conversations.</summary>
    public void Applied(IEnumerable<string> conversationIds, long sequence)
    {
        foreach (var id in conversationIds)
        {
            if (!_conversations.TryGetValue(id, out var pending))
            {
                continue;
            }

            lock (pending)
            {
                pending.Activities.RemoveAll(a => a.Sequence <= sequence);
                if (pending.Dialog is { } dialog && dialog.Sequence <= sequence)
                {
                    pending.Dialog = null;
                }

                if (pending.Record is { } record && record.Sequence <= sequence)
                {
                    pending.Record = null;
                }

                if (pending.Activities.Count == 0 && pending.Dialog is null && pending.Record is null)
                {
                    pending.Retired = true;
                    _conversations.TryRemove(new KeyValuePair<string, Conversation>(id, pending));
                }
            }
        }
    }

    /// <summary>The conversation's pending activities after <paramref name="watermark"/>, oldest first.</summary>
    public List<ActivityRecord> ActivitiesAfter(string conversationId, long watermark)
    {
        if (!_conversations.TryGetValue(conversationId, out var pending))
        {
            return [];
        }

        lock (pending)
        {
            return [.. pending.Activities.Select(a => a.Activity).Where(a => a.Watermark > watermark)];
        }
    }

    public BsonDocument? Dialog(string conversationId)
    {
        if (!_conversations.TryGetValue(conversationId, out var pending))
        {
            return null;
        }

        lock (pending)
        {
            return pending.Dialog?.Document;
        }
    }

    /// <summary>The pending records of conversations that match.</summary>
    public List<ConversationRecord> Records(Func<ConversationRecord, bool> match)
    {
        var records = new List<ConversationRecord>();
        foreach (var pending in _conversations.Values)
        {
            lock (pending)
            {
                if (pending.Record is { } record && match(record.Value))
                {
                    records.Add(record.Value);
                }
            }
        }

        return records;
    }

    private sealed class Conversation
    {
        public List<(long Sequence, ActivityRecord Activity)> Activities { get; } = [];

        public (long Sequence, BsonDocument Document)? Dialog { get; set; }

        public (long Sequence, ConversationRecord Value)? Record { get; set; }

        public bool Retired { get; set; }
    }
}
