namespace Assistant.Moderation.Training;

/// <summary>The marker words a classifier reads after the text, if any; the step is saved inside the model.</summary>
public enum TextCues
{
    None,

    /// <summary><see cref="TargetCues"/>: who and what a message aims at (the moderation model).</summary>
    Target,

    /// <summary><see cref="UrgencyCues"/>: what makes a ticket urgent, or not (the priority model).</summary>
    Urgency,
}
