using System.Globalization;

namespace Assistant.Bot.Tests.Channel;

public sealed class DirectLineRestartTests
{
    [Fact]
    public async Task Watermarks_keep_increasing_and_tokens_stay_valid_after_a_restart_on_the_same_dataAsync()
    {
        var data = ChannelAppFactory.NewDataDirectory();
        string conversationId, token, lastWatermark;
        int countBefore;
        using (var before = new ChannelAppFactory(data))
        {
            var client = new DirectLineTestClient(before.CreateClient());
            (conversationId, token, _, _) = await client.StartAsync();
            var id = await client.PostMessageAsync(conversationId, token, "avant");
            // Before consent the bot answers any message by asking for it again: that prompt is its last reply.
            await client.WaitForActivityAsync(conversationId, token, a => BotReplies.IsReplyTo(a, id) && BotReplies.IsOpening(a));
            var set = await client.GetActivitiesAsync(conversationId, token);
            lastWatermark = set["watermark"]!.GetValue<string>();
            countBefore = set["activities"]!.AsArray().Count;
        }

        using var after = new ChannelAppFactory(data);
        var restarted = new DirectLineTestClient(after.CreateClient());
        var newId = await restarted.PostMessageAsync(conversationId, token, "après");

        var history = await restarted.GetActivitiesAsync(conversationId, token);
        var ids = history["activities"]!.AsArray().Select(a => (string?)a!["id"]).ToList();
        Assert.True(ids.Count >= countBefore + 1, "the history from before the restart is kept");
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(newId, ids[countBefore]);
        var newer = await restarted.GetActivitiesAsync(conversationId, token, lastWatermark);
        var first = newer["activities"]!.AsArray()[0]!;
        Assert.Equal(newId, (string?)first["id"]);
        Assert.True(long.Parse(newer["watermark"]!.GetValue<string>(), CultureInfo.InvariantCulture) > long.Parse(lastWatermark, CultureInfo.InvariantCulture));
    }
}
