using System.Text.RegularExpressions;
using Assistant.Bot.Intake;

namespace Assistant.Bot.Turns;

/// <summary>
/// A short, well-formed answer to a contact question ("Marie Dupont", "06 12 34 56 78") is data, not prose:
/// the text models were trained on sentences and score such fragments at random, so for them only the
/// explicit moderation rules count.
/// </summary>
public static partial class ContactAnswers
{
    public static bool IsWellFormed(string? pendingSlot, string text, ExtractedEntities entities)
    {
        var trimmed = text.Trim();
        return pendingSlot switch
        {
            Slots.Email => entities.Email is not null && trimmed.Length <= 120,
            Slots.Phone => entities.Phone is not null && trimmed.Length <= 40,
            Slots.CustomerNumber => entities.CustomerNumber is not null && trimmed.Length <= 40,
            Slots.Name => NamePattern().IsMatch(trimmed),
            _ => false,
        };
    }

    // One to four words of letters, with hyphens or apostrophes inside (Jean-Pierre, N'Diaye), at most 60 characters.
    [GeneratedRegex(@"^(?=.{1,60}$)\p{L}[\p{L}'’\-\.]*(\s+\p{L}[\p{L}'’\-\.]*){0,3}$")]
    private static partial Regex NamePattern();
}
