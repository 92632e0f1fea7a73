using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace Assistant.Bot.Tests.Channel;

public sealed class DirectLineConversationTests : IDisposable
{
    private readonly ChannelAppFactory _factory = new();
    private readonly DirectLineTestClient _client;

    public DirectLineConversationTests() => _client = new DirectLineTestClient(_factory.CreateClient());

    [Fact]
    public async Task Start_returns_201_with_a_websocket_stream_url_then_200_for_the_same_tokenAsync()
    {
        var (conversationId, token, _, body) = await _client.StartAsync();

        Assert.Equal(conversationId, (string?)body["conversationId"]);
        Assert.StartsWith($"ws://localhost/v3/directline/conversations/{conversationId}/stream?", (string?)body["streamUrl"], StringComparison.Ordinal);
        Assert.InRange((int)body["expires_in"]!, 1700, 1800);

        using var again = _client.Request(HttpMethod.Post, "/v3/directline/conversations", token, """{"user":{}}""");
        var second = await _client.SendForJsonAsync(again, HttpStatusCode.OK);
        Assert.Equal(conversationId, (string?)second["conversationId"]);
        Assert.NotEqual((string?)body["streamUrl"], (string?)second["streamUrl"]);
    }

    [Fact]
    public async Task The_bot_greets_before_the_user_typesAsync()
    {
        var (conversationId, token, userId, _) = await _client.StartAsync();

        var greeting = await _client.WaitForActivityAsync(conversationId, token, BotReplies.IsGreeting);

        Assert.Equal("bot", (string?)greeting["from"]!["id"]);
        Assert.Equal("Digisense", (string?)greeting["from"]!["name"]);
        Assert.Equal(userId, (string?)greeting["recipient"]!["id"]);
        Assert.Equal("directline", (string?)greeting["channelId"]);
    }

    [Fact]
    public async Task A_posted_message_is_echoed_with_server_id_timestamp_and_the_client_activity_idAsync()
    {
        var (conversationId, token, userId, _) = await _client.StartAsync();
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);

        var id = await _client.PostMessageAsync(conversationId, token, "Ma box ne s'allume plus", "client-42");

        var echo = await _client.WaitForActivityAsync(conversationId, token, a => (string?)a["id"] == id);
        Assert.Equal("client-42", (string?)echo["channelData"]!["clientActivityID"]);
        Assert.Equal(userId, (string?)echo["from"]!["id"]);
        Assert.Equal("user", (string?)echo["from"]!["role"]);
        Assert.Equal(conversationId, (string?)echo["conversation"]!["id"]);
        Assert.Equal("Ma box ne s'allume plus", (string?)echo["text"]);
        var timestamp = DateTimeOffset.Parse((string)echo["timestamp"]!, CultureInfo.InvariantCulture);
        Assert.True(timestamp > before && timestamp.Offset == TimeSpan.Zero);

        var reply = await _client.WaitForActivityAsync(conversationId, token, a => BotReplies.IsReplyTo(a, id));
        Assert.True(DateTimeOffset.Parse((string)reply["timestamp"]!, CultureInfo.InvariantCulture) > timestamp);
    }

    [Fact]
    public async Task Watermarks_are_strings_that_only_move_forward_and_activities_after_one_are_not_repeatedAsync()
    {
        var (conversationId, token, _, _) = await _client.StartAsync();
        var first = await _client.PostMessageAsync(conversationId, token, "un");
        await _client.WaitForActivityAsync(conversationId, token, a => BotReplies.IsReplyTo(a, first));

        var all = await _client.GetActivitiesAsync(conversationId, token);
        var watermark = all["watermark"]!.GetValue<string>();
        var second = await _client.PostMessageAsync(conversationId, token, "deux");
        var after = await _client.GetActivitiesAsync(conversationId, token, watermark);

        var ids = after["activities"]!.AsArray().Select(a => (string?)a!["id"]).ToList();
        Assert.Contains(second, ids);
        Assert.DoesNotContain(first, ids);
        Assert.True(long.Parse(after["watermark"]!.GetValue<string>(), CultureInfo.InvariantCulture) > long.Parse(watermark, CultureInfo.InvariantCulture));

        var timestamps = all["activities"]!.AsArray().Select(a => DateTimeOffset.Parse((string)a!["timestamp"]!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(timestamps.Order(), timestamps);
        Assert.Equal(timestamps.Count, timestamps.Distinct().Count());

        var latest = await _client.GetActivitiesAsync(conversationId, token, "999999");
        Assert.Empty(latest["activities"]!.AsArray());
        Assert.Equal("999999", latest["watermark"]!.GetValue<string>());
    }

    [Fact]
    public async Task Typing_is_accepted_but_never_stored_nor_answeredAsync()
    {
        var (conversationId, token, _, _) = await _client.StartAsync();
        await _client.WaitForActivityAsync(conversationId, token, BotReplies.IsOpening);

        using var response = await _client.PostActivityAsync(conversationId, token, """{"type":"typing"}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var marker = await _client.PostMessageAsync(conversationId, token, "après la saisie");
        await _client.WaitForActivityAsync(conversationId, token, a => BotReplies.IsReplyTo(a, marker));

        var set = await _client.GetActivitiesAsync(conversationId, token);
        var activities = set["activities"]!.AsArray().OfType<JsonObject>().ToList();
        Assert.DoesNotContain(activities, a => (string?)a["type"] == "typing");
        Assert.Equal(BotReplies.OpeningCount + 2, activities.Count);
    }

    [Fact]
    public async Task The_secret_can_start_a_conversation_for_a_given_userAsync()
    {
        using var request = _client.Request(HttpMethod.Post, "/v3/directline/conversations", ChannelAppFactory.Secret, """{"user":{"id":"dl_partner-7"}}""");
        var body = await _client.SendForJsonAsync(request, HttpStatusCode.Created);

        Assert.Equal("dl_partner-7", DirectLineTestClient.UserIdOf((string)body["token"]!));
        var greeting = await _client.WaitForActivityAsync((string)body["conversationId"]!, ChannelAppFactory.Secret, BotReplies.IsGreeting);
        Assert.Equal("dl_partner-7", (string?)greeting["recipient"]!["id"]);
    }

    public void Dispose() => _factory.Dispose();
}
