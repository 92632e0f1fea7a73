using System.Collections.Concurrent;
using Assistant.EndToEnd.Tests.Handoff;
using Microsoft.Playwright;

namespace Assistant.EndToEnd.Tests.Security;

/// <summary>
/// The pages under their Content-Security-Policy in Chromium: WebChat renders, streams and takes an answer, the agent
/// console logs in, opens its live feed and its Incidents view, the admin console shows its login; the browser reports no violation.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ContentSecurityPolicyTests(HandoffServerFixture fixture) : IClassFixture<HandoffServerFixture>
{
    private const int Slow = 20_000;
    private readonly ConcurrentQueue<string> _problems = new();

    [Fact]
    public async Task Chat_agent_and_admin_pages_work_and_break_no_policy_ruleAsync()
    {
        var chat = await NewPageAsync();
        await chat.GotoAsync(new Uri(fixture.Server, "/").ToString());
        await Assertions.Expect(chat.Locator("#webchat .webchat__bubble__content", new() { HasText = "Bonjour, je suis" })).ToBeVisibleAsync(new() { Timeout = Slow });
        await chat.Locator("button.webchat__suggested-actions__button", new() { HasText = "Accepter et valider" }).ClickAsync(new() { Timeout = Slow });
        await Assertions.Expect(chat.Locator("#webchat .webchat__bubble__content", new() { HasText = "Quel est votre problème" })).ToBeVisibleAsync(new() { Timeout = Slow });

        var agent = await NewPageAsync();
        await agent.GotoAsync(new Uri(fixture.Server, "/agent").ToString());
        await agent.FillAsync("#login-form [name=email]", HandoffServerFixture.AgentEmail);
        await agent.FillAsync("#login-form [name=password]", HandoffServerFixture.AgentPassword);
        await agent.ClickAsync("#login-form button[type=submit]");
        await Assertions.Expect(agent.Locator("#feed-status")).ToContainTextAsync("en ligne", new() { Timeout = Slow });
        await agent.ClickAsync(".tabs [data-tab=incidents]");
        await Assertions.Expect(agent.Locator("#declare-operator")).ToHaveValueAsync("digisense", new() { Timeout = Slow });

        var admin = await NewPageAsync();
        await admin.GotoAsync(new Uri(fixture.Server, "/admin").ToString());
        await Assertions.Expect(admin.Locator("input[type=password]").First).ToBeVisibleAsync(new() { Timeout = Slow });

        Assert.True(_problems.IsEmpty, string.Join('\n', _problems));
    }

    private async Task<IPage> NewPageAsync()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "fr-FR" });
        var page = await context.NewPageAsync();
        // Chromium reports each blocked script, style, connection or frame on the console ("Refused to …").
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || message.Text.StartsWith("Refused to", StringComparison.Ordinal))
            {
                _problems.Enqueue(message.Text);
            }
        };
        page.PageError += (_, error) => _problems.Enqueue("page error: " + error);
        return page;
    }
}
