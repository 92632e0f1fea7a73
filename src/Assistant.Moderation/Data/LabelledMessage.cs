namespace Assistant.Moderation.Data;

/// <summary>One labelled training or evaluation row. Triage labels are null where the source has none.</summary>
/// <param name="Source">Where the row comes from, e.g. <c>project:support-billing.csv</c> or <c>public:mlma-fr.csv</c>.</param>
/// <param name="Kind">What sort of message it is (<c>frustrated</c>, <c>veiled-threat</c>, …), for the per-kind evaluation; null when the file does not say.</param>
public sealed record LabelledMessage(
    string Text,
    string Moderation,
    string? Priority,
    string? Category,
    string? Product,
    string Lang,
    string Source,
    string? Kind = null);
