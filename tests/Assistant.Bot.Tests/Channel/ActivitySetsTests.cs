using System.Text;
using System.Text.Json;
using Assistant.Bot.Channel.Streaming;

namespace Assistant.Bot.Tests.Channel;

public sealed class ActivitySetsTests
{
    [Fact]
    public void A_set_holds_the_activities_as_stored_and_the_watermark()
    {
        string[] stored = ["""{"type":"message","text":"Déjà réglé ? 👍"}""", """{"type":"typing"}"""];

        using var set = JsonDocument.Parse(ActivitySets.Write(stored, 42));

        var activities = set.RootElement.GetProperty("activities");
        Assert.Equal(2, activities.GetArrayLength());
        Assert.Equal("Déjà réglé ? 👍", activities[0].GetProperty("text").GetString());
        Assert.Equal("typing", activities[1].GetProperty("type").GetString());
        Assert.Equal("42", set.RootElement.GetProperty("watermark").GetString());
    }

    [Fact]
    public void A_set_without_a_watermark_or_activities_is_still_a_set()
    {
        using var empty = JsonDocument.Parse(ActivitySets.Write([], null));

        Assert.Equal(0, empty.RootElement.GetProperty("activities").GetArrayLength());
        Assert.False(empty.RootElement.TryGetProperty("watermark", out _));
    }

    [Fact]
    public void The_bytes_are_the_same_set_in_UTF8()
    {
        string[] stored = ["""{"text":"Ça marche, merci ! — Zoë"}"""];

        Assert.Equal(ActivitySets.Write(stored, long.MaxValue), Encoding.UTF8.GetString(ActivitySets.ToUtf8(stored, long.MaxValue)));
    }
}
