using System.Buffers;
using System.Globalization;
using System.Text;

namespace Assistant.Bot.Channel.Streaming;

/// <summary>
/// Writes <c>{"activities":[…],"watermark":"n"}</c> from already-serialised activities (our own JSON, copied as is).
/// Every bot message goes through here: it is written once into a pooled buffer, then copied out at its size (building
/// it through a growing stream, a string and its bytes again was a good part of a turn's allocations).
/// </summary>
public static class ActivitySets
{
    private static ReadOnlySpan<byte> Start => "{\"activities\":["u8;

    private static ReadOnlySpan<byte> WatermarkStart => "],\"watermark\":\""u8;

    private static ReadOnlySpan<byte> WatermarkEnd => "\"}"u8;

    private static ReadOnlySpan<byte> End => "]}"u8;

    /// <summary>The set as UTF-8, in an array of its own (a socket may keep the bytes after its send completes).</summary>
    public static byte[] ToUtf8(IReadOnlyList<string> activitiesJson, long? watermark) =>
        Build(activitiesJson, watermark, static bytes => bytes.ToArray());

    public static string Write(IReadOnlyList<string> activitiesJson, long? watermark) =>
        Build(activitiesJson, watermark, static bytes => Encoding.UTF8.GetString(bytes));

    private delegate T Finish<out T>(ReadOnlySpan<byte> bytes);

    private static T Build<T>(IReadOnlyList<string> activitiesJson, long? watermark, Finish<T> finish)
    {
        var buffer = Rent(activitiesJson, watermark, out var length);
        try
        {
            return finish(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static byte[] Rent(IReadOnlyList<string> activitiesJson, long? watermark, out int length)
    {
        var size = Start.Length + WatermarkStart.Length + WatermarkEnd.Length + 20;
        foreach (var json in activitiesJson)
        {
            size += Encoding.UTF8.GetByteCount(json) + 1;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(size);
        var span = buffer.AsSpan();
        Start.CopyTo(span);
        length = Start.Length;
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

        return buffer;
    }
}
