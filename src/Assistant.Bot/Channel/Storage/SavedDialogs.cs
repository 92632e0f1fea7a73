using System.Collections.Concurrent;
using LiteDB;

namespace Assistant.Bot.Channel.Storage;

/// <summary>
/// The last committed dialog state of each recent conversation, as the document written to <c>conversations.db</c>.
/// Every turn reads its state: from here it is a dictionary lookup and a mapping instead of a query. One process owns
/// a LiteDB file, so what is here is what the file holds; each read maps a new object, so a turn that fails halfway
/// leaves nothing of its changes behind.
/// </summary>
public sealed class SavedDialogs
{
    /// <summary>Past this many, the cache starts again empty (reads then go to the file until it fills up).</summary>
    public const int MaxRemembered = 50_000;

    private readonly ConcurrentDictionary<string, BsonDocument> _documents = new(StringComparer.Ordinal);

    public bool TryGet(string conversationId, out BsonDocument document) => _documents.TryGetValue(conversationId, out document!);

    /// <summary>After a commit: this is now the conversation's state.</summary>
    public void Committed(string conversationId, BsonDocument document)
    {
        MakeRoom();
        _documents[conversationId] = document;
    }

    /// <summary>After a read from the file: kept unless a commit put a newer state here meanwhile.</summary>
    public void Read(string conversationId, BsonDocument document)
    {
        MakeRoom();
        _documents.TryAdd(conversationId, document);
    }

    public void Forget(string conversationId) => _documents.TryRemove(conversationId, out _);

    public void Clear() => _documents.Clear();

    private void MakeRoom()
    {
        if (_documents.Count >= MaxRemembered)
        {
            _documents.Clear();
        }
    }
}
