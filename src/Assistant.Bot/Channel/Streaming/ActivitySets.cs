using System.Text;
using System.Text.Json;

namespace Assistant.Bot.Channel.Streaming;

/// <summary>Writes <c>{"activities":[…],"watermark":"n"}</c> from already-serialised activities.</summary>
public static class ActivitySets
{
    public static string Write(IEnumerable<string> activitiesJson, string? watermark)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("activities");
            foreach (var json in activitiesJson)
            {
                writer.WriteRawValue(json, skipInputValidation: true);
            }

            writer.WriteEndArray();
            if (watermark is not null)
            {
                writer.WriteString("watermark", watermark);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
