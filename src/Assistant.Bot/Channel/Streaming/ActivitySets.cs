using System.Buffers;
using System.Globalization;
using System.Text;

namespace Assistant.Bot.Channel.Streaming;

/// <summary>
/// Writes <c>{"activities":[…],"watermark":"n"}</c> from already-serialised activities (our own JSON, copied as is).
/// A live push writes into a pooled buffer: every bot message goes through here, and building it through a growing
/// stream, a string and its bytes again was a good part of a turn's allocations.
/// </summary>
public static class ActivitySets
{
    private static ReadOnlySpan<byte> Start => "{\"activities\":["u8;

    private static ReadOnlySpan<byte> WatermarkStart => "],\"watermark\":\""u8;

    private static ReadOnlySpan<byte> WatermarkEnd => "\"}"u8;

    private static ReadOnlySpan<byte> End => "]}"u8;

    /// <summary>The set as UTF-8 in a buffer rented from <see cref="ArrayPool{T}.Shared"/>: the caller returns it.</summary>
    public static (byte[] Buffer, int Length) RentUtf8(IReadOnlyList<string> activitiesJson, long? watermark)
    {
        var size = Start.Length + WatermarkStart.Length + WatermarkEnd.Length + 20;
        foreach (var json in activitiesJson)
        {
            size += Encoding.UTF8.GetByteCount(json) + 1;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(size);
        var span = buffer.AsSpan();
        Start.CopyTo(span);
        var length = Start.Length;
        for (var i = 0; i < activitiesJson.Count; i++)
        {
            if (i > 0)
            {
                buffer[length++] = (byte)',';
            }

            length += Encoding.UTF8.GetBytes(activitiesJson[i], span[length..]);
        }

        if (watermark is { } value)
        {
            WatermarkStart.CopyTo(span[length..]);
            length += WatermarkStart.Length;
            value.TryFormat(span[length..], out var digits, provider: CultureInfo.InvariantCulture);
            length += digits;
            WatermarkEnd.CopyTo(span[length..]);
            length += WatermarkEnd.Length;
        }
        else
        {
            End.CopyTo(span[length..]);
            length += End.Length;
        }

        return (buffer, length);
    }

    public static string Write(IReadOnlyList<string> activitiesJson, long? watermark)
    {
        var (buffer, length) = RentUtf8(activitiesJson, watermark);
        try
        {
            return Encoding.UTF8.GetString(buffer, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
