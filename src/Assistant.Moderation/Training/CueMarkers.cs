using System.Text;

namespace Assistant.Moderation.Training;

/// <summary>How <see cref="TargetCues"/> and <see cref="UrgencyCues"/> write a marker word after the text.</summary>
internal static class CueMarkers
{
    public static void Add(StringBuilder builder, bool present, string marker)
    {
        if (present)
        {
            builder.Append(' ').Append(marker);
        }
    }
}
