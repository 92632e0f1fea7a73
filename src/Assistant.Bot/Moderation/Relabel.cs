using LiteDB;

namespace Assistant.Bot.Moderation;

/// <summary>
/// A user message the team says was moderated wrongly, with the label it should have had. Kept in <c>admin.db</c>
/// (one per message: relabelling again replaces it) and added to the training split of the next retraining.
/// Holds the message text, so a user's erasure deletes it.
/// </summary>
public sealed class Relabel
{
    public ObjectId Id { get; set; } = ObjectId.NewObjectId();

    public string ConversationId { get; set; } = "";

    /// <summary>Unique: the Direct Line activity id of the message.</summary>
    public string ActivityId { get; set; } = "";

    public string OperatorId { get; set; } = "";

    public string UserId { get; set; } = "";

    public string Text { get; set; } = "";

    public string Lang { get; set; } = "fr";

    /// <summary>What the assistant decided (<c>ok</c>, <c>abusive</c>, <c>offtopic</c>), or <c>unscored</c> when the message was never scored.</summary>
    public string OriginalLabel { get; set; } = "";

    public string OriginalDecidedBy { get; set; } = "";

    /// <summary>The right label, as the staff member says.</summary>
    public string Label { get; set; } = "";

    public string? Note { get; set; }

    public string By { get; set; } = "";

    public string? ByName { get; set; }

    public DateTime At { get; set; }
}
