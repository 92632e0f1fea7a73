using System.Globalization;

namespace Assistant.Bot.Channel.Storage;

/// <summary>Watermarks are decimal strings on the wire; anything else means "from the start".</summary>
public static class Watermarks
{
    public static long Parse(string? watermark) =>
        long.TryParse(watermark, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;

    public static string Format(long watermark) => watermark.ToString(CultureInfo.InvariantCulture);
}
