namespace Assistant.Bot.Admin.Settings;

/// <summary>What a settings edit changed, for the audit log: <c>holidays FR → none; cguVersion 2026-01 → 2026-02</c>.</summary>
public sealed class SettingChanges
{
    private readonly List<string> _changes = [];

    /// <summary>Notes <paramref name="field"/> when its value differs.</summary>
    public SettingChanges Add(string field, string before, string after)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            _changes.Add($"{field} {before} → {after}");
        }

        return this;
    }

    public override string ToString() => _changes.Count == 0 ? "no change" : string.Join("; ", _changes);
}
