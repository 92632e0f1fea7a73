using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Assistant.Bot.Channel.Protocol;

namespace Assistant.Bot.Tests.Channel;

public sealed class DirectLineUploadTests : IDisposable
{
    private readonly ChannelAppFactory _factory = new();
    private readonly DirectLineTestClient _client;

    public DirectLineUploadTests() => _client = new DirectLineTestClient(_factory.CreateClient());

    [Fact]
    public async Task An_activity_with_files_is_echoed_with_links_that_download_without_a_headerAsync()
    {
        var (conversationId, token, userId, _) = await _client.StartAsync();
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 1, 2, 3, 4 };
        using var form = new MultipartFormDataContent();
        var activityPart = new StringContent(
            """{"type":"message","text":"voici","attachments":[{"contentType":"image/png","name":"capture.png"},{"contentType":"text/plain","name":"log.txt"}],"channelData":{"clientActivityID":"up-1","attachmentSizes":[8,5]}}""",
            Encoding.UTF8);
        activityPart.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.microsoft.activity");
        form.Add(activityPart, "activity", "blob");
        form.Add(File(png, "image/png"), "file", "capture.png");
        form.Add(File("hello"u8.ToArray(), "text/plain"), "file", "log.txt");

        var id = await UploadAsync(conversationId, token, userId, form);

        var echo = await _client.WaitForActivityAsync(conversationId, token, a => (string?)a["id"] == id);
        Assert.Equal("up-1", (string?)echo["channelData"]!["clientActivityID"]);
        var attachments = echo["attachments"]!.AsArray().OfType<JsonObject>().ToList();
        Assert.Equal(["capture.png", "log.txt"], attachments.Select(a => (string?)a["name"]));
        using var anonymous = _factory.CreateClient();
        var image = await anonymous.GetAsync((string)attachments[0]["contentUrl"]!);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal(png, await image.Content.ReadAsByteArrayAsync());
        Assert.Equal("hello", await anonymous.GetStringAsync((string)attachments[1]["contentUrl"]!));
    }

    [Fact]
    public async Task A_tampered_attachment_link_is_refusedAsync()
    {
        var (conversationId, token, userId, _) = await _client.StartAsync();
        using var form = new MultipartFormDataContent { { File("secret"u8.ToArray(), "text/plain"), "file", "a.txt" } };
        var id = await UploadAsync(conversationId, token, userId, form);
        var echo = await _client.WaitForActivityAsync(conversationId, token, a => (string?)a["id"] == id);
        var url = (string)echo["attachments"]![0]!["contentUrl"]!;

        using var anonymous = _factory.CreateClient();
        var tampered = await anonymous.GetAsync(url[..url.IndexOf("sig=", StringComparison.Ordinal)] + "sig=forged");
        await DirectLineTestClient.AssertErrorAsync(tampered, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task A_single_raw_file_becomes_a_message_with_one_attachmentAsync()
    {
        var (conversationId, token, userId, _) = await _client.StartAsync();
        using var request = _client.Request(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/upload?userId={userId}", token);
        request.Content = File("%PDF-1.4"u8.ToArray(), "application/pdf");
        request.Content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { Name = "\"file\"", FileName = "\"facture.pdf\"" };

        var body = await _client.SendForJsonAsync(request, HttpStatusCode.OK);

        var echo = await _client.WaitForActivityAsync(conversationId, token, a => (string?)a["id"] == (string?)body["id"]);
        Assert.Equal("message", (string?)echo["type"]);
        Assert.Equal("facture.pdf", (string?)echo["attachments"]![0]!["name"]);
        Assert.Equal("application/pdf", (string?)echo["attachments"]![0]!["contentType"]);
    }

    [Fact]
    public async Task An_oversized_upload_is_413_and_stores_nothingAsync()
    {
        var (conversationId, token, userId, _) = await _client.StartAsync();
        await _client.WaitForActivityAsync(conversationId, token, BotReplies.IsOpening);
        using var form = new MultipartFormDataContent { { File(new byte[(10 * 1024 * 1024) + 1], "application/octet-stream"), "file", "big.bin" } };

        using var request = _client.Request(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/upload?userId={userId}", token);
        request.Content = form;
        await DirectLineTestClient.AssertErrorAsync(await _client.Http.SendAsync(request), HttpStatusCode.RequestEntityTooLarge, ErrorCodes.MessageSizeTooBig);

        var set = await _client.GetActivitiesAsync(conversationId, token);
        Assert.Equal(BotReplies.OpeningCount, set["activities"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("multipart/form-data; boundary=cut", "--cut\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nno closing boundary")]
    [InlineData("multipart/form-data; boundary=cut", "no boundary line at all")]
    [InlineData("multipart/form-data", "--x\r\n\r\n--x--")]
    public async Task A_malformed_multipart_upload_is_400_and_stores_nothingAsync(string contentType, string body)
    {
        var (conversationId, token, userId, _) = await _client.StartAsync();
        await _client.WaitForActivityAsync(conversationId, token, BotReplies.IsOpening);
        using var request = _client.Request(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/upload?userId={userId}", token);
        request.Content = new StringContent(body);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        await DirectLineTestClient.AssertErrorAsync(await _client.Http.SendAsync(request), HttpStatusCode.BadRequest, ErrorCodes.BadSyntax);

        var set = await _client.GetActivitiesAsync(conversationId, token);
        Assert.Equal(BotReplies.OpeningCount, set["activities"]!.AsArray().Count);
    }

    private async Task<string> UploadAsync(string conversationId, string token, string userId, HttpContent content)
    {
        using var request = _client.Request(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/upload?userId={userId}", token);
        request.Content = content;
        using var response = await _client.Http.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    private static ByteArrayContent File(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return content;
    }

    public void Dispose() => _factory.Dispose();
}
