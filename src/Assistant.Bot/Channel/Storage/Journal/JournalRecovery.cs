using Assistant.Ticketing.Storage;
using LiteDB;

namespace Assistant.Bot.Channel.Storage.Journal;

/// <summary>
/// At start, before anything is served: copies into <c>conversations.db</c> what the journal's files hold past the
/// file's last copied sequence (what a killed process had acknowledged), then deletes the files.
/// </summary>
public static partial class JournalRecovery
{
    /// <summary>Returns the last sequence the file now holds; the journal goes on after it.</summary>
    public static long Replay(LiteDatabase database, CommitQueue commits, string folder, ILogger logger)
    {
        var applied = database.GetCollection(ConversationJournal.MetaCollection).FindById(ConversationJournal.AppliedId)?["sequence"].AsInt64 ?? 0;
        var segments = JournalSegments.List(folder);
        var replayed = 0;
        var last = applied;
        var batch = new List<JournalEntry>();
        foreach (var path in segments)
        {
            var payloads = JournalSegments.Read(path, out var torn);
            if (torn)
            {
                LogTornSegment(logger, path, payloads.Count);
            }

            foreach (var payload in payloads)
            {
                var entry = JournalEntry.Decode(payload, database.Mapper);
                if (entry.Sequence <= applied)
                {
                    continue; // the file had it: a stop between its copy and the deletion of its segment
                }

                batch.Add(entry);
                last = Math.Max(last, entry.Sequence);
                if (batch.Count >= ConversationJournal.MaxApplyBatch)
                {
                    replayed += Copy(commits, batch, last);
                }
            }
        }

        replayed += Copy(commits, batch, last);
        foreach (var path in segments)
        {
            File.Delete(path);
        }

        if (segments.Count > 0)
        {
            JournalSegments.SyncDirectory(folder);
            LogRecovered(logger, replayed, segments.Count);
        }

        return last;
    }

    private static int Copy(CommitQueue commits, List<JournalEntry> batch, long last)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        var count = batch.Count;
        commits.WriteAsync(db => ConversationJournal.Apply(db, batch, last, replay: true)).GetAwaiter().GetResult();
        batch.Clear();
        return count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The journal segment {Path} ends with a cut-off write (never acknowledged); {Writes} whole writes read")]
    private static partial void LogTornSegment(ILogger logger, string path, int writes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Copied {Writes} journal writes from {Segments} segment(s) into conversations.db at start")]
    private static partial void LogRecovered(ILogger logger, int writes, int segments);
}
