using System.ComponentModel.DataAnnotations;

namespace Assistant.Moderation.Sanctions;

/// <summary>
/// The <c>Moderation:Sanctions</c> section: the CGU's graduated response. Strikes below
/// <see cref="StrikesForSuspension"/> within <see cref="StrikeWindow"/> give a warning; reaching it suspends
/// (each suspension longer by <see cref="SuspensionGrowthFactor"/>); once <see cref="SuspensionsBeforeBan"/>
/// suspensions have been served, the next one is a permanent ban.
/// </summary>
public sealed class SanctionOptions
{
    public const string SectionName = "Moderation:Sanctions";

    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan StrikeWindow { get; set; } = TimeSpan.FromDays(30);

    [Range(1, 100)]
    public int StrikesForSuspension { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan SuspensionDuration { get; set; } = TimeSpan.FromHours(24);

    [Range(1.0, 100.0)]
    public double SuspensionGrowthFactor { get; set; } = 3.0;

    [Range(1, 100)]
    public int SuspensionsBeforeBan { get; set; } = 2;

    /// <summary>The CGU clause cited when a violation does not name one.</summary>
    [Required]
    public string DefaultClause { get; set; } = "Digisense 3";
}
