using Assistant.Bot.Admin;
using Assistant.Bot.Admin.Audit;
using Assistant.Bot.Auth;
using Assistant.Bot.Channel.Activities;
using Assistant.Bot.Channel.Storage;
using Assistant.Bot.Intake;
using Assistant.Moderation;
using Assistant.Moderation.Data;
using Assistant.Moderation.Sanctions;
using LiteDB;

namespace Assistant.Bot.Moderation;

public enum RelabelError
{
    None,
    NotFound,
    NotAUserMessage,
}

/// <summary>
/// The "wrong decision" button of both consoles: finds the message in the stored conversation (staff never send
/// the text themselves, so only real user messages enter training), records the right label, and audits it.
/// </summary>
public sealed class Relabels(AdminDatabase database, ConversationStore conversations, ISanctionService sanctions, AuditLog audit, TimeProvider time)
{
    public (Relabel? Relabel, RelabelError Error) Record(StaffScope staff, string conversationId, string activityId, string label, string? note)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var conversation = conversations.Find(conversationId);
        if (conversation is null || !staff.CanSee(conversation.OperatorId)
            || conversations.FindActivity(conversationId, activityId) is not { } record)
        {
            return (null, RelabelError.NotFound);
        }

        var activity = System.Text.Json.JsonSerializer.Deserialize<Activity>(record.Json, ActivityJson.Options);
        if (activity is not { Type: ActivityTypes.Message, From.Role: RoleTypes.User } || string.IsNullOrWhiteSpace(activity.Text))
        {
            return (null, RelabelError.NotAUserMessage);
        }

        var decision = audit.ModerationDecisionFor(conversationId, activityId);
        var relabel = database.Relabels.FindOne(r => r.ActivityId == activityId) ?? new Relabel();
        relabel.ConversationId = conversationId;
        relabel.ActivityId = activityId;
        relabel.OperatorId = conversation.OperatorId;
        relabel.UserId = conversation.UserId;
        relabel.Text = activity.Text.Trim();
        relabel.Lang = LanguageDetector.Detect(activity.Text, LanguageDetector.French);
        relabel.OriginalLabel = decision?.Label ?? "unscored";
        relabel.OriginalDecidedBy = decision?.DecidedBy ?? "";
        relabel.Label = label;
        relabel.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        relabel.By = AuditActors.Staff(staff.StaffId);
        relabel.ByName = staff.DisplayName;
        relabel.At = time.GetUtcNow().UtcDateTime;
        database.Relabels.Upsert(relabel);
        audit.Record(relabel.By, relabel.ByName, "relabel.save", activityId,
            $"{relabel.OriginalLabel} → {label} (conversation {conversationId}){(relabel.Note is null ? "" : ": " + relabel.Note)}",
            conversation.OperatorId);
        if (label == Labels.Ok
            && sanctions.WithdrawStrike(conversation.OperatorId, conversation.UserId, activityId, relabel.By, "message relabelled as legitimate", time.GetUtcNow()) is { } withdrawal)
        {
            // A legitimate customer must not keep a strike the team says was a mistake, nor the suspension it caused.
            audit.Record(relabel.By, relabel.ByName, "sanction.withdraw", conversation.UserId,
                $"strike of message {activityId} withdrawn{(withdrawal.SanctionLifted ? ", the sanction it led to lifted" : "")}; now {withdrawal.Status.Level}",
                conversation.OperatorId);
        }

        return (relabel, RelabelError.None);
    }

    /// <summary>The relabels of one conversation the staff member can see, or null when they cannot see it.</summary>
    public IReadOnlyList<Relabel>? ForConversation(StaffScope staff, string conversationId)
    {
        ArgumentNullException.ThrowIfNull(staff);
        return conversations.Find(conversationId) is { } conversation && staff.CanSee(conversation.OperatorId)
            ? [.. database.Relabels.Find(r => r.ConversationId == conversationId)]
            : null;
    }

    public IReadOnlyList<Relabel> List() => [.. database.Relabels.Query().OrderByDescending(r => r.At).ToEnumerable()];

    public Relabel? Delete(string id)
    {
        if (id.Length != 24 || !id.All(char.IsAsciiHexDigit))
        {
            return null;
        }

        var objectId = new ObjectId(id);
        var relabel = database.Relabels.FindById(objectId);
        return relabel is not null && database.Relabels.Delete(objectId) ? relabel : null;
    }

    /// <summary>The relabelled messages as training rows, oldest first (a later relabel of the same text wins).</summary>
    public IReadOnlyList<LabelledMessage> TrainingRows() =>
        [.. database.Relabels.Query().OrderBy(r => r.At).ToEnumerable()
            .Select(r => new LabelledMessage(r.Text, r.Label, null, null, null, r.Lang, "relabel:" + r.Id))];

    public static bool IsLabel(string? label) => label is not null && Labels.Moderation.Contains(label);
}
