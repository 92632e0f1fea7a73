using LiteDB;

namespace Assistant.Bot.Channel.Storage.Journal;

/// <summary>
/// One durable write of the conversation log, as the journal holds it until it is in <c>conversations.db</c>: a turn's
/// activities, the dialog state the turn leaves, and the conversation's record when it is created or touched.
/// </summary>
public sealed class JournalEntry
{
    /// <summary>Given by the journal's writer, in the order the entries reach the disk.</summary>
    public long Sequence { get; set; }

    public required string ConversationId { get; init; }

    public IReadOnlyList<ActivityRecord> Activities { get; init; } = [];

    /// <summary>The dialog state as the document of the <c>dialogs</c> collection, or null when the turn leaves it alone.</summary>
    public BsonDocument? Dialog { get; init; }

    public ConversationRecord? Conversation { get; init; }

    public byte[] Encode(BsonMapper mapper)
    {
        var document = new BsonDocument
        {
            ["s"] = Sequence,
            ["c"] = ConversationId,
            ["a"] = new BsonArray(Activities.Select(a => (BsonValue)mapper.ToDocument(a))),
        };
        if (Dialog is not null)
        {
            document["d"] = Dialog;
        }

        if (Conversation is not null)
        {
            document["r"] = mapper.ToDocument(Conversation);
        }

        return BsonSerializer.Serialize(document);
    }

    public static JournalEntry Decode(byte[] payload, BsonMapper mapper)
    {
        var document = BsonSerializer.Deserialize(payload, utcDate: true);
        return new JournalEntry
        {
            Sequence = document["s"].AsInt64,
            ConversationId = document["c"].AsString,
            Activities = [.. document["a"].AsArray.Select(a => mapper.ToObject<ActivityRecord>(a.AsDocument))],
            Dialog = document.TryGetValue("d", out var dialog) ? dialog.AsDocument : null,
            Conversation = document.TryGetValue("r", out var record) ? mapper.ToObject<ConversationRecord>(record.AsDocument) : null,
        };
    }

    /// <summary>
    /// Puts <paramref name="entries"/> (in sequence order) into the file's collections: every activity, and of each
    /// conversation only the last dialog state and record, which replace the earlier ones anyway. A replay after a crash
    /// (<paramref name="replay"/>) may meet activities the file already has and overwrites them; the live copy only ever
    /// inserts new ones.
    /// </summary>
    public static void ApplyAll(LiteDatabase database, IReadOnlyList<JournalEntry> entries, bool replay)
    {
        var activities = entries.SelectMany(e => e.Activities);
        var log = database.GetCollection<ActivityRecord>("activities");
        if (replay)
        {
            log.Upsert(activities);
        }
        else
        {
            log.Insert(activities);
        }

        var dialogs = new Dictionary<string, BsonDocument>(StringComparer.Ordinal);
        var records = new Dictionary<string, ConversationRecord>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry.Dialog is not null)
            {
                dialogs[entry.ConversationId] = entry.Dialog;
            }

            if (entry.Conversation is not null)
            {
                records[entry.ConversationId] = entry.Conversation;
            }
        }

        if (dialogs.Count > 0)
        {
            database.GetCollection("dialogs").Upsert(dialogs.Values);
        }

        if (records.Count > 0)
        {
            database.GetCollection<ConversationRecord>("conversations").Upsert(records.Values);
        }
    }
}
