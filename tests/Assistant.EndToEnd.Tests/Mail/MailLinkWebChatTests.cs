using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Assistant.Bot.Tests.Mail;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Assistant.EndToEnd.Tests.Mail;

/// <summary>
/// A customer files a ticket in WebChat and closes the tab; the team answers; the mail's link, opened in another browser
/// (the phone of the issue), shows the same conversation with the reply, and the customer goes on there. An altered link
/// opens nothing.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed partial class MailLinkWebChatTests(ITestOutputHelper output)
{
    private const int Slow = 20_000;
    private const string AdminEmail = "root@example.com";
    private const string AdminPassword = "root-password-1";
    private const string Reply = "Le partage fonctionne de nouveau depuis la mise à jour de 14 h, pouvez-vous vérifier ?";

    [Fact]
    public async Task The_link_of_the_reply_mail_reopens_the_conversation_in_another_browser_and_shows_the_replyAsync()
    {
        using var smtp = new SmtpSink();
        var port = SmtpSink.FreePort();
        await using var factory = new KestrelAppFactory();
        foreach (var (key, value) in smtp.Settings($"http://127.0.0.1:{port}"))
        {
            factory.Settings[key] = value;
        }

        factory.Settings["Assistant:Bootstrap:AdminEmail"] = AdminEmail;
        factory.Settings["Assistant:Bootstrap:AdminPassword"] = AdminPassword;
        var server = factory.Start(port);
        var (playwright, browser) = await WebChat.Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;

        // The computer: a ticket filed in WebChat, then the tab closed.
        var computer = await NewContextAsync(browser);
        var page = await computer.NewPageAsync();
        await page.GotoAsync(new Uri(server, "/").ToString());
        await page.Locator("button.webchat__suggested-actions__button", new() { HasText = "Accepter et valider" }).ClickAsync(new() { Timeout = Slow });
        await Assertions.Expect(Bubble(page, "Quel est votre problème")).ToBeVisibleAsync(new() { Timeout = Slow });
        await SayAsync(page, "Bonjour, je m'appelle Marie Dupont, marie.dupont@example.fr, 06 00 00 00 12. Le partage d'un dossier Ibox avec un collègue échoue depuis hier.");
        var reference = await AnswerUntilFiledAsync(page);
        await computer.CloseAsync();
        var receipt = Assert.Single(await smtp.WaitForAsync(1));
        Assert.Contains(reference, receipt.Subject, StringComparison.Ordinal);

        // The team answers in the ticket view's way: a public comment.
        using var admin = await AdminAsync(server);
        (await admin.PostAsJsonAsync($"/api/tickets/{reference}/comments", new { text = Reply, @internal = false })).EnsureSuccessStatusCode();
        var mail = (await smtp.WaitForAsync(2))[1];
        var link = LinkPattern().Match(mail.TextBody ?? "").Value;
        output.WriteLine($"link: {link[..Math.Min(link.Length, 60)]}…");
        Assert.StartsWith($"http://127.0.0.1:{port}/digisense#resume=", link, StringComparison.Ordinal);

        // The phone: no cookie of the computer, only the link.
        var phone = await NewContextAsync(browser);
        var mobile = await phone.NewPageAsync();
        await mobile.GotoAsync(link);
        await Assertions.Expect(Bubble(mobile, "depuis la mise à jour de 14 h")).ToBeVisibleAsync(new() { Timeout = Slow });
        await Assertions.Expect(Bubble(mobile, "Le partage d'un dossier Ibox avec un collègue échoue").First).ToBeVisibleAsync();
        await SayAsync(mobile, $"{reference} : c'est bon, le partage fonctionne, merci !");
        await Assertions.Expect(Bubble(mobile, "ajouté")).ToBeVisibleAsync(new() { Timeout = Slow });
        await mobile.ScreenshotAsync(new() { Path = WebChat.Browser.ArtifactPath("mail-link-webchat.png") });
        var ticket = (await admin.GetFromJsonAsync<JsonObject>($"/api/tickets/{reference}"))!;
        Assert.Contains(ticket["comments"]!.AsArray(), c => ((string?)c!["text"] ?? "").Contains("le partage fonctionne", StringComparison.Ordinal));

        // An altered link opens no conversation.
        var stranger = await (await NewContextAsync(browser)).NewPageAsync();
        await stranger.GotoAsync(link[..^4] + (link.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA"));
        await Assertions.Expect(stranger.Locator(".chat-error")).ToContainTextAsync("Ce lien a expiré", new() { Timeout = Slow });
        Assert.Equal(0, await Bubble(stranger, "depuis la mise à jour").CountAsync());

        // The admin console's outbox: both mails sent, for that ticket, no address shown.
        var console = await (await NewContextAsync(browser, width: 1280)).NewPageAsync();
        await console.GotoAsync(new Uri(server, "/admin").ToString());
        await console.FillAsync("#login-form [name=email]", AdminEmail);
        await console.FillAsync("#login-form [name=password]", AdminPassword);
        await console.ClickAsync("#login-form button[type=submit]");
        await Assertions.Expect(console.Locator("#login-form")).ToBeHiddenAsync(new() { Timeout = Slow });
        await Assertions.Expect(console.Locator("#templates")).ToBeVisibleAsync(new() { Timeout = Slow });
        await console.ClickAsync(".tab[data-section=mail]");
        await Assertions.Expect(console.Locator("#mail-body tr[data-state=sent]")).ToHaveCountAsync(2, new() { Timeout = Slow });
        await Assertions.Expect(console.Locator("#mail-body")).ToContainTextAsync("réponse de l'équipe");
        await Assertions.Expect(console.Locator("#mail-counts")).ToContainTextAsync("envoyé : 2");
        await Assertions.Expect(console.Locator("#mail-operators")).ToContainTextAsync("digisense");
        Assert.DoesNotContain("marie.dupont", await console.Locator("#mail").InnerTextAsync(), StringComparison.Ordinal);
        await console.ScreenshotAsync(new() { Path = WebChat.Browser.ArtifactPath("admin-mail-outbox.png") });
    }

    [Fact]
    public async Task An_address_the_server_refuses_shows_on_the_agents_ticket_view_and_the_visitor_is_asked_for_anotherAsync()
    {
        using var smtp = new SmtpSink();
        await using var factory = new KestrelAppFactory();
        foreach (var (key, value) in smtp.Settings())
        {
            factory.Settings[key] = value;
        }

        factory.Settings["Assistant:Bootstrap:AdminEmail"] = AdminEmail;
        factory.Settings["Assistant:Bootstrap:AdminPassword"] = AdminPassword;
        var server = factory.Start();
        var (playwright, browser) = await WebChat.Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;

        var page = await (await NewContextAsync(browser)).NewPageAsync();
        await page.GotoAsync(new Uri(server, "/").ToString());
        await page.Locator("button.webchat__suggested-actions__button", new() { HasText = "Accepter et valider" }).ClickAsync(new() { Timeout = Slow });
        await Assertions.Expect(Bubble(page, "Quel est votre problème")).ToBeVisibleAsync(new() { Timeout = Slow });
        await SayAsync(page, "Bonjour, je m'appelle Marie Dupont, refused.marie@example.fr, 06 00 00 00 12. Le partage d'un dossier Ibox avec un collègue échoue depuis hier.");
        var reference = await AnswerUntilFiledAsync(page);

        var agent = await (await NewContextAsync(browser, width: 1280)).NewPageAsync();
        await agent.GotoAsync(new Uri(server, "/agent").ToString());
        await agent.FillAsync("#login-form [name=email]", AdminEmail);
        await agent.FillAsync("#login-form [name=password]", AdminPassword);
        await agent.ClickAsync("#login-form button[type=submit]");
        await agent.ClickAsync(".tabs [data-tab=inbox]", new() { Timeout = Slow });
        await agent.Locator($"#inbox-list li[data-reference='{reference}']").ClickAsync(new() { Timeout = Slow });
        // The refusal is recorded when the receipt's attempt ends; the view shows what the server said.
        await Assertions.Expect(agent.Locator("#tv-reference")).ToHaveTextAsync(reference, new() { Timeout = Slow });
        var mailLine = agent.Locator("#tv-mail");
        for (var i = 0; i < 40 && !(await mailLine.InnerTextAsync()).Contains("refusée", StringComparison.Ordinal); i++)
        {
            await agent.ReloadAsync();
            await agent.ClickAsync(".tabs [data-tab=inbox]", new() { Timeout = Slow });
            await agent.Locator($"#inbox-list li[data-reference='{reference}']").ClickAsync(new() { Timeout = Slow });
            await Assertions.Expect(agent.Locator("#tv-reference")).ToHaveTextAsync(reference, new() { Timeout = Slow });
        }

        await Assertions.Expect(mailLine).ToContainTextAsync("adresse refusée par le serveur de messagerie (550");
        await Assertions.Expect(mailLine).ToContainTextAsync("à la prochaine visite");
        await agent.ScreenshotAsync(new() { Path = WebChat.Browser.ArtifactPath("mail-refused-ticket-view.png") });

        await SayAsync(page, "mes demandes");
        await Assertions.Expect(Bubble(page, "serveur de messagerie a refusé")).ToBeVisibleAsync(new() { Timeout = Slow });
        await SayAsync(page, "marie.dupont@example.fr");
        await Assertions.Expect(Bubble(page, "nous vous écrirons désormais à cette adresse")).ToBeVisibleAsync(new() { Timeout = Slow });
    }

    private static async Task<HttpClient> AdminAsync(Uri server)
    {
        var http = new HttpClient { BaseAddress = server };
        using var response = await http.PostAsJsonAsync("/api/auth/token", new { email = AdminEmail, password = AdminPassword });
        response.EnsureSuccessStatusCode();
        var token = (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private async Task<IBrowserContext> NewContextAsync(IBrowser browser, int width = 420)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "fr-FR", ViewportSize = new ViewportSize { Width = width, Height = 860 } });
        context.Console += (_, message) => output.WriteLine($"[browser {message.Type}] {message.Text}");
        return context;
    }

    private static async Task<string> AnswerUntilFiledAsync(IPage page)
    {
        var filed = Bubble(page, "est enregistrée");
        var choice = page.Locator("button.webchat__suggested-actions__button").Filter(new() { HasTextRegex = ChoicePattern() });
        for (var step = 0; step < 8 && await filed.CountAsync() == 0; step++)
        {
            await Assertions.Expect(filed.Or(choice).First).ToBeVisibleAsync(new() { Timeout = Slow });
            if (await filed.CountAsync() > 0)
            {
                break;
            }

            var button = choice.First;
            var text = (await button.InnerTextAsync()).Trim();
            await button.ClickAsync();
            await Assertions.Expect(page.Locator("button.webchat__suggested-actions__button", new() { HasText = text })).ToHaveCountAsync(0, new() { Timeout = Slow });
        }

        return ReferencePattern().Match(await filed.First.InnerTextAsync(new() { Timeout = Slow })).Value;
    }

    private static async Task SayAsync(IPage page, string text)
    {
        var sendBox = page.Locator("[data-id='webchat-sendbox-input']");
        await sendBox.FillAsync(text);
        await sendBox.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#webchat .webchat__bubble--from-user .webchat__text-content", new() { HasText = text[..Math.Min(30, text.Length)] }).Last).ToBeVisibleAsync();
    }

    private static ILocator Bubble(IPage page, string text) =>
        page.Locator("#webchat .webchat__text-content", new() { HasText = text });

    [GeneratedRegex("^(Incident|Ibox|Pas client|Passer|Confirmer)$")]
    private static partial Regex ChoicePattern();

    [GeneratedRegex(@"DGS-\d{4}-\d{6}")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/digisense#resume=[A-Za-z0-9_.-]+")]
    private static partial Regex LinkPattern();
}
