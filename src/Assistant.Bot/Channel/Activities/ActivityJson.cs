using System.Text.Json;
using System.Text.Json.Serialization;

namespace Assistant.Bot.Channel.Activities;

/// <summary>The one JSON shape of the protocol: camelCase, nulls omitted (WebChat treats null and absent alike).</summary>
public static class ActivityJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
