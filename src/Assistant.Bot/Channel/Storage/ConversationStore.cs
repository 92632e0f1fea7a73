using System.Collections.Concurrent;
using Assistant.Bot.Channel.Activities;
using Assistant.Bot.Channel.Storage.Journal;
using Assistant.Bot.Intake;
using LiteDB;

namespace Assistant.Bot.Channel.Storage;

/// <summary>
/// The conversation log. Each conversation stamps its own activities (strictly increasing watermarks and server
/// timestamps) under its own lock, and queues them for the journal's group append in that order; once durable they are
/// handed to <c>published</c> in the same order, so live streams see the log order and nothing unwritten. Reads look at
/// what the journal holds and <c>conversations.db</c> does not yet have (<see cref="PendingWrites"/>), then at the file.
/// </summary>
public sealed class ConversationStore(ConversationDatabase database, TimeProvider time)
{
    /// <summary>How many activities one GET returns at most; DirectLineJS asks again from the new watermark.</summary>
    public const int PageSize = 200;

    /// <summary>The conversation record's <c>UpdatedAt</c> (retention) moves at most this often, not at every message.</summary>
    public static readonly TimeSpan UpdatedAtResolution = TimeSpan.FromMinutes(5);

    // One entry per conversation seen since start: its record and where its log stands. Small next to its sockets.
    private readonly ConcurrentDictionary<string, Clock> _clocks = new(StringComparer.Ordinal);

    public ConversationRecord? Find(string conversationId) =>
        ClockOf(conversationId)?.Record;

    /// <summary>The visitor's most recent conversation with that operator, for resuming it.</summary>
    public ConversationRecord? FindLatest(string userId, string operatorId) =>
        Pending.Records(c => c.UserId == userId && c.OperatorId == operatorId)
            .Concat(database.Conversations.Find(c => c.UserId == userId && c.OperatorId == operatorId))
            .OrderByDescending(c => c.UpdatedAt)
            .FirstOrDefault();

    /// <summary>False when that conversation already exists. The record is durable when the task completes.</summary>
    public async Task<bool> TryCreateAsync(string conversationId, string userId, string operatorId, string? locale)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var record = new ConversationRecord
        {
            Id = conversationId,
            UserId = userId,
            OperatorId = operatorId,
            Locale = locale,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var clock = new Clock(record, lastWatermark: 0, lastTimestamp: DateTime.MinValue);
        if (ClockOf(conversationId) is not null || !_clocks.TryAdd(conversationId, clock))
        {
            return false;
        }

        await database.Journal.WriteAsync(new JournalEntry { ConversationId = conversationId, Conversation = Copy(record) });
        return true;
    }

    /// <summary>Stamps and stores one activity; <paramref name="published"/> runs once it is durable, in log order.</summary>
    public async Task<StoredActivity> AppendAsync(string conversationId, Activity activity, Action<StoredActivity> published) =>
        (await AppendAsync(conversationId, [activity], state: null, published))[0];

    /// <summary>
    /// One turn's output as one write: its activities, in order, and the dialog state it leaves, committed together
    /// (a kill never keeps the replies without the state that produced them, or the reverse).
    /// </summary>
    public async Task<IReadOnlyList<StoredActivity>> AppendAsync(
        string conversationId, IReadOnlyList<Activity> activities, IntakeState? state, Action<StoredActivity> published)
    {
        var clock = ClockOf(conversationId) ?? throw new InvalidOperationException($"Conversation {conversationId} does not exist.");
        var stored = new StoredActivity[activities.Count];
        Task committed;
        lock (clock)
        {
            var now = time.GetUtcNow().UtcDateTime;
            for (var i = 0; i < activities.Count; i++)
            {
                stored[i] = clock.Stamp(conversationId, activities[i], now);
            }

            ConversationRecord? touched = null;
            if (now - clock.Record.UpdatedAt >= UpdatedAtResolution || stored.Any(s => NewLocale(clock.Record, s.Activity)))
            {
                clock.Record.UpdatedAt = now;
                clock.Record.LastWatermark = clock.LastWatermark;
                clock.Record.LastTimestamp = clock.LastTimestamp;
                foreach (var s in stored.Where(s => NewLocale(clock.Record, s.Activity)))
                {
                    clock.Record.Locale = s.Activity.Locale;
                }

                touched = Copy(clock.Record);
            }

            var dialog = state is null ? null : database.Mapper.ToDocument(state);
            var entry = new JournalEntry { ConversationId = conversationId, Activities = [.. stored.Select(Record)], Dialog = dialog, Conversation = touched };
            // Queued inside the lock: the append order of one conversation is its watermark order.
            committed = database.Journal.WriteAsync(
                entry,
                () =>
                {
                    if (dialog is not null)
                    {
                        database.SavedDialogs.Committed(state!.Id, dialog);
                    }

                    foreach (var activity in stored)
                    {
                        published(activity);
                    }
                });
        }

        await committed;
        return stored;
    }

    /// <summary>One stored activity of that conversation, or null.</summary>
    public ActivityRecord? FindActivity(string conversationId, string activityId)
    {
        if (!activityId.StartsWith(conversationId + "|", StringComparison.Ordinal))
        {
            return null;
        }

        return Pending.ActivitiesAfter(conversationId, 0).Find(a => a.Id == activityId) ?? database.Activities.FindById(activityId);
    }

    /// <summary>Stored activities after <paramref name="watermark"/>, oldest first, at most <see cref="PageSize"/>.</summary>
    public IReadOnlyList<ActivityRecord> ReadAfter(string conversationId, long watermark)
    {
        // The journal first, then the file: an entry copied into the file in between is found there, never missed.
        var pending = Pending.ActivitiesAfter(conversationId, watermark);
        var stored = database.Activities.Find(Query.Between("_id", Key(conversationId, watermark + 1), Key(conversationId, long.MaxValue)), 0, PageSize);
        return Merge(stored, pending, PageSize);
    }

    /// <summary>All of a conversation's activities, oldest first (export).</summary>
    public IReadOnlyList<ActivityRecord> ReadAll(string conversationId)
    {
        var pending = Pending.ActivitiesAfter(conversationId, 0);
        return Merge(database.Activities.Find(Query.Between("_id", Key(conversationId, 0), Key(conversationId, long.MaxValue))), pending, int.MaxValue);
    }

    /// <summary>
    /// Deletes a conversation, its log and its dialog state (retention, erasure); returns how many activities went. What
    /// the journal still holds of it, or is still appending, is copied into the file first, so that a later copy cannot
    /// bring part of it back.
    /// </summary>
    public int Delete(string conversationId)
    {
        if (Pending.Holds(conversationId) || database.Journal.Writing(conversationId))
        {
            database.Settle();
        }

        var activities = database.Activities.DeleteMany(Query.Between("_id", Key(conversationId, 0), Key(conversationId, long.MaxValue)));
        database.Dialogs.Delete(conversationId);
        database.SavedDialogs.Forget(conversationId);
        database.Conversations.Delete(conversationId);
        _clocks.TryRemove(conversationId, out _);
        return activities;
    }

    public void SaveAttachment(AttachmentRecord attachment) => database.Attachments.Insert(attachment);

    public AttachmentRecord? FindAttachment(string attachmentId) => database.Attachments.FindById(attachmentId);

    public string AttachmentPath(string attachmentId) =>
        Path.Combine(database.DataDirectory, "attachments", attachmentId);

    /// <summary>
    /// The conversation's clock, read once from the file: its record, and its last watermark and timestamp taken from its
    /// last stored activity (the record itself is only written now and then).
    /// </summary>
    private Clock? ClockOf(string conversationId)
    {
        if (_clocks.TryGetValue(conversationId, out var clock))
        {
            return clock;
        }

        if (database.Conversations.FindById(conversationId) is not { } record)
        {
            return null;
        }

        var last = database.Activities.Query()
            .Where(Query.Between("_id", Key(conversationId, 0), Key(conversationId, long.MaxValue)))
            .OrderByDescending("_id")
            .Limit(1)
            .FirstOrDefault();
        var loaded = new Clock(record, last?.Watermark ?? record.LastWatermark, last?.Timestamp ?? record.LastTimestamp);
        return _clocks.GetOrAdd(conversationId, loaded);
    }

    private PendingWrites Pending => database.Journal.Pending;

    /// <summary>The file's rows and the journal's, by watermark, each once (an entry may be in both while it is copied).</summary>
    private static List<ActivityRecord> Merge(IEnumerable<ActivityRecord> stored, List<ActivityRecord> pending, int limit)
    {
        if (pending.Count == 0)
        {
            return [.. stored];
        }

        var byWatermark = new SortedDictionary<long, ActivityRecord>();
        foreach (var activity in stored.Concat(pending))
        {
            byWatermark.TryAdd(activity.Watermark, activity);
        }

        return [.. byWatermark.Values.Take(limit)];
    }

    private static bool NewLocale(ConversationRecord record, Activity activity) =>
        activity.From?.Role == RoleTypes.User && !string.IsNullOrWhiteSpace(activity.Locale) && activity.Locale != record.Locale;

    /// <summary>
    /// Activity ids sort by conversation, then watermark: seven digits keep the string order numeric. The range of a
    /// conversation ends at its last possible watermark, a digit string, because the file's culture-aware collation does
    /// not sort punctuation after digits (an upper bound of "conversation|~" matched nothing).
    /// </summary>
    private static string Key(string conversationId, long watermark) => $"{conversationId}|{Math.Min(watermark, MaxWatermark):D7}";

    private const long MaxWatermark = 9_999_999;

    private static ActivityRecord Record(StoredActivity stored) => new()
    {
        Id = stored.Activity.Id!,
        ConversationId = stored.Activity.Conversation!.Id!,
        Watermark = stored.Watermark,
        Type = stored.Activity.Type ?? "",
        Timestamp = stored.Activity.Timestamp!.Value.UtcDateTime,
        Json = stored.Json,
    };

    private static ConversationRecord Copy(ConversationRecord r) => new()
    {
        Id = r.Id,
        OperatorId = r.OperatorId,
        UserId = r.UserId,
        Locale = r.Locale,
        CreatedAt = r.CreatedAt,
        UpdatedAt = r.UpdatedAt,
        LastWatermark = r.LastWatermark,
        LastTimestamp = r.LastTimestamp,
    };

    /// <summary>Where one conversation's log stands; changed under its own lock only.</summary>
    private sealed class Clock(ConversationRecord record, long lastWatermark, DateTime lastTimestamp)
    {
        public ConversationRecord Record { get; } = record;

        public long LastWatermark { get; private set; } = lastWatermark;

        public DateTime LastTimestamp { get; private set; } = lastTimestamp;

        public StoredActivity Stamp(string conversationId, Activity activity, DateTime now)
        {
            // Millisecond timestamps, strictly increasing within the conversation whatever the clock does.
            var timestamp = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
            if (timestamp <= LastTimestamp)
            {
                timestamp = LastTimestamp.AddMilliseconds(1);
            }

            LastWatermark++;
            LastTimestamp = timestamp;
            activity.Id = $"{conversationId}|{LastWatermark:D7}";
            activity.Timestamp = new DateTimeOffset(timestamp, TimeSpan.Zero);
            activity.Conversation ??= new ConversationAccount();
            activity.Conversation.Id = conversationId;
            return new StoredActivity(activity, LastWatermark, System.Text.Json.JsonSerializer.Serialize(activity, ActivityJson.Options));
        }
    }
}

/// <summary>An activity as stored: the stamped object, its watermark and the exact JSON clients receive.</summary>
public sealed record StoredActivity(Activity Activity, long Watermark, string Json);
