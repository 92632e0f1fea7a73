using System.Text.Json;
using Assistant.Bot.Channel.Activities;

namespace Assistant.Bot.Channel.Storage;

/// <summary>
/// The conversation log. Appends are serialised so each conversation gets strictly increasing watermarks and
/// server timestamps, and the publish callback runs in the same order as the log.
/// </summary>
public sealed class ConversationStore(ConversationDatabase database, TimeProvider time)
{
    /// <summary>How many activities one GET returns at most; DirectLineJS asks again from the new watermark.</summary>
    public const int PageSize = 200;

    private readonly Lock _appendLock = new();

    public ConversationRecord? Find(string conversationId) => database.Conversations.FindById(conversationId);

    /// <summary>The visitor's most recent conversation with that operator, for resuming it.</summary>
    public ConversationRecord? FindLatest(string userId, string operatorId) =>
        database.Conversations.Find(c => c.UserId == userId && c.OperatorId == operatorId)
            .OrderByDescending(c => c.UpdatedAt)
            .FirstOrDefault();

    /// <summary>False when that conversation already exists.</summary>
    public bool TryCreate(string conversationId, string userId, string operatorId, string? locale)
    {
        var now = time.GetUtcNow().UtcDateTime;
        lock (_appendLock)
        {
            if (database.Conversations.FindById(conversationId) is not null)
            {
                return false;
            }

            database.Conversations.Insert(new ConversationRecord
            {
                Id = conversationId,
                UserId = userId,
                OperatorId = operatorId,
                Locale = locale,
                CreatedAt = now,
                UpdatedAt = now,
            });
            return true;
        }
    }

    /// <summary>
    /// Stamps id, timestamp and conversation, stores the activity with the next watermark, then calls
    /// <paramref name="published"/> before releasing the lock so live streams see the log order.
    /// </summary>
    public StoredActivity Append(string conversationId, Activity activity, Action<StoredActivity> published)
    {
        lock (_appendLock)
        {
            var conversation = database.Conversations.FindById(conversationId)
                ?? throw new InvalidOperationException($"Conversation {conversationId} does not exist.");
            var now = time.GetUtcNow().UtcDateTime;
            var timestamp = now > conversation.LastTimestamp ? now : conversation.LastTimestamp.AddMilliseconds(1);
            timestamp = new DateTime(timestamp.Ticks - (timestamp.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
            if (timestamp <= conversation.LastTimestamp)
            {
                timestamp = conversation.LastTimestamp.AddMilliseconds(1);
            }

            var watermark = conversation.LastWatermark + 1;
            activity.Id = $"{conversationId}|{watermark:D7}";
            activity.Timestamp = new DateTimeOffset(timestamp, TimeSpan.Zero);
            activity.Conversation ??= new ConversationAccount();
            activity.Conversation.Id = conversationId;

            var stored = new StoredActivity(activity, watermark, JsonSerializer.Serialize(activity, ActivityJson.Options));
            database.Activities.Insert(new ActivityRecord
            {
                Id = activity.Id,
                ConversationId = conversationId,
                Watermark = watermark,
                Type = activity.Type ?? "",
                Timestamp = timestamp,
                Json = stored.Json,
            });

            conversation.LastWatermark = watermark;
            conversation.LastTimestamp = timestamp;
            conversation.UpdatedAt = now;
            if (activity.From?.Role == RoleTypes.User && !string.IsNullOrWhiteSpace(activity.Locale))
            {
                conversation.Locale = activity.Locale;
            }

            database.Conversations.Update(conversation);
            published(stored);
            return stored;
        }
    }

    /// <summary>One stored activity of that conversation, or null.</summary>
    public ActivityRecord? FindActivity(string conversationId, string activityId) =>
        database.Activities.FindById(activityId) is { } record && record.ConversationId == conversationId ? record : null;

    /// <summary>Stored activities after <paramref name="watermark"/>, oldest first, at most <see cref="PageSize"/>.</summary>
    public IReadOnlyList<ActivityRecord> ReadAfter(string conversationId, long watermark) =>
        [.. database.Activities.Find(a => a.ConversationId == conversationId && a.Watermark > watermark)
            .OrderBy(a => a.Watermark)
            .Take(PageSize)];

    public void SaveAttachment(AttachmentRecord attachment) => database.Attachments.Insert(attachment);

    public AttachmentRecord? FindAttachment(string attachmentId) => database.Attachments.FindById(attachmentId);

    public string AttachmentPath(string attachmentId) =>
        Path.Combine(database.DataDirectory, "attachments", attachmentId);
}

/// <summary>An activity as stored: the stamped object, its watermark and the exact JSON clients receive.</summary>
public sealed record StoredActivity(Activity Activity, long Watermark, string Json);
