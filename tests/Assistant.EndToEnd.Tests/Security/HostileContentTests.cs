using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Assistant.EndToEnd.Tests.Admin;
using Assistant.Ticketing.Tickets;
using Microsoft.Playwright;

namespace Assistant.EndToEnd.Tests.Security;

/// <summary>
/// HTML and script in what visitors and staff type stay text: a visitor's message, contact name and file name, a
/// ticket title and an attachment link, a staff member's name. In Chromium, the agent console's ticket view and inbox
/// and the admin console's audit log show them as typed, create no element from them, run nothing (no <c>window.__pwned</c>,
/// no dialog), and the browser refuses no inline script (which it would, under the pages' policy, if any got into the page).
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class HostileContentTests : IAsyncLifetime
{
    private const int Slow = 20_000;
    private const string Image = "<img src=x onerror=\"window.__pwned=1;alert(1)\">";
    private const string Script = "<script>window.__pwned=2;alert(2)</script>";
    private const string AgentEmail = "agent.hostile@example.com";
    private const string AgentPassword = "agent-password-hostile";
    private static readonly string Message = "Ma box ne marche plus " + Image + Script;
    private static readonly string Name = "Léa " + Image;
    private static readonly string FileName = Script + "capture.png";
    private static readonly string AgentName = "Agent " + Script;

    private readonly ConcurrentQueue<string> _problems = new();
    private AdminBrowser _host = null!;

    public async Task InitializeAsync() => _host = await AdminBrowser.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Html_and_script_from_visitors_and_staff_show_as_text_in_both_consolesAsync()
    {
        using var http = new HttpClient { BaseAddress = _host.Server };
        await CreateAgentAsync(http);
        var (conversationId, userId) = await VisitorWritesAsync(http);
        var tickets = _host.Service<ITicketService>();
        var ticket = tickets.Create(
            new NewTicket("digisense", "Panne " + Image, Message, "incident", "ibox", "high", "model",
                new Requester { UserId = userId, Name = Name, Email = "lea@example.com" }, conversationId),
            new Actor("requester", userId));
        tickets.AddAttachment(ticket.Reference, new TicketAttachment { Name = FileName, ContentType = "image/png", Url = "javascript:window.__pwned=3", Size = 10 }, new Actor("requester", userId));

        var agent = await WatchedPageAsync();
        await agent.GotoAsync(new Uri(_host.Server, "/agent").ToString());
        await agent.FillAsync("#login-form [name=email]", AgentEmail);
        await agent.FillAsync("#login-form [name=password]", AgentPassword);
        await agent.ClickAsync("#login-form button[type=submit]");
        await Assertions.Expect(agent.Locator("#feed-status")).ToContainTextAsync("en ligne", new() { Timeout = Slow });
        await agent.ClickAsync(".tabs [data-tab=inbox]");
        var line = agent.Locator($"#inbox-list li[data-reference='{ticket.Reference}']");
        await Assertions.Expect(line).ToContainTextAsync("Panne " + Image, new() { Timeout = Slow });
        await line.ClickAsync();
        await Assertions.Expect(agent.Locator("#tv-title")).ToHaveTextAsync("Panne " + Image, new() { Timeout = Slow });
        await Assertions.Expect(agent.Locator("#tv-description")).ToHaveTextAsync(Message);
        await Assertions.Expect(agent.Locator("#tv-requester")).ToContainTextAsync(Name);
        await Assertions.Expect(agent.Locator("#tv-attachments")).ToContainTextAsync(FileName);
        Assert.Null(await agent.Locator("#tv-attachments a").First.GetAttributeAsync("href"));
        await Assertions.Expect(agent.Locator("#tv-transcript li.user", new() { HasText = Message })).ToBeVisibleAsync(new() { Timeout = Slow });
        await Assertions.Expect(agent.Locator("#tv-transcript", new() { HasText = "capture.png" })).ToContainTextAsync(FileName, new() { Timeout = Slow });
        await agent.ScreenshotAsync(new() { Path = WebChat.Browser.ArtifactPath("hostile-ticket-view.png") });
        await AssertNothingRanAsync(agent);

        var admin = await _host.LoginAsync();
        Watch(admin);
        await admin.ClickAsync(".tab[data-section=audit]");
        var created = admin.Locator("#audit-body tr", new() { HasText = "staff.create" });
        await Assertions.Expect(created).ToContainTextAsync(AgentName, new() { Timeout = Slow });
        await admin.ScreenshotAsync(new() { Path = WebChat.Browser.ArtifactPath("hostile-audit-log.png") });
        await AssertNothingRanAsync(admin);

        Assert.True(_problems.IsEmpty, string.Join('\n', _problems));
    }

    private async Task AssertNothingRanAsync(IPage page)
    {
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__pwned"));
        Assert.Equal(0, await page.Locator("img[src=x], body script:not([src])").CountAsync());
    }

    private async Task<IPage> WatchedPageAsync()
    {
        var page = await _host.NewPageAsync();
        Watch(page);
        return page;
    }

    private void Watch(IPage page)
    {
        page.Dialog += async (_, dialog) =>
        {
            _problems.Enqueue("dialog: " + dialog.Message);
            await dialog.DismissAsync();
        };
        page.Console += (_, message) =>
        {
            if (message.Text.StartsWith("Refused to", StringComparison.Ordinal))
            {
                _problems.Enqueue(message.Text);
            }
        };
        page.PageError += (_, error) => _problems.Enqueue("page error: " + error);
    }

    /// <summary>The admin creates an agent whose name carries a script (through the staff API, so it is audited).</summary>
    private static async Task CreateAgentAsync(HttpClient http)
    {
        using var login = await http.PostAsJsonAsync("/api/auth/token", new { email = AdminBrowser.AdminEmail, password = AdminBrowser.AdminPassword });
        var token = (string)(await login.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/staff")
        {
            Content = JsonContent.Create(new { email = AgentEmail, displayName = AgentName, role = "agent", operatorIds = new[] { "digisense" }, password = AgentPassword }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A visitor of the chat page sends the hostile message and a file with a hostile name over Direct Line.</summary>
    private static async Task<(string ConversationId, string UserId)> VisitorWritesAsync(HttpClient http)
    {
        using var tokenResponse = await http.PostAsJsonAsync("/api/directline/token", new { @operator = "digisense" });
        var page = (await tokenResponse.Content.ReadFromJsonAsync<JsonObject>())!;
        var userId = (string)page["userId"]!;
        using var start = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations") { Content = new StringContent("""{"user":{}}""", Encoding.UTF8, "application/json") };
        start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", (string)page["token"]!);
        using var started = await http.SendAsync(start);
        var conversation = (await started.Content.ReadFromJsonAsync<JsonObject>())!;
        var conversationId = (string)conversation["conversationId"]!;
        var token = (string)conversation["token"]!;

        var message = new JsonObject { ["type"] = "message", ["text"] = Message, ["from"] = new JsonObject { ["id"] = userId, ["name"] = Name }, ["locale"] = "fr-FR" };
        using var post = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities") { Content = new StringContent(message.ToJsonString(), Encoding.UTF8, "application/json") };
        post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var posted = await http.SendAsync(post);
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());

        using var upload = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/upload?userId={Uri.EscapeDataString(userId)}")
        {
            Content = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47, 1, 2, 3, 4]),
        };
        upload.Content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        upload.Content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { Name = "\"file\"", FileName = "\"" + FileName + "\"" };
        upload.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var uploaded = await http.SendAsync(upload);
        Assert.True(uploaded.IsSuccessStatusCode, await uploaded.Content.ReadAsStringAsync());
        return (conversationId, userId);
    }
}
