using System.Globalization;
using Assistant.EndToEnd.Tests.Admin;
using Assistant.EndToEnd.Tests.WebChat;
using Assistant.Ticketing.Tickets;
using Microsoft.Playwright;

namespace Assistant.EndToEnd.Tests.Reports;

/// <summary>
/// An admin opens the reports from the console, in Chromium: the figures and the charts are drawn from the tickets
/// the service holds, and the CSV downloaded from the page lists the same tickets.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ReportsPageTests : IAsyncLifetime
{
    private AdminBrowser _host = null!;

    public async Task InitializeAsync() => _host = await AdminBrowser.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_reports_page_draws_today_s_tickets_and_exports_themAsync()
    {
        var tickets = _host.Service<ITicketService>();
        var filed = new[] { ("incident", "digisense"), ("incident", "icosnet"), ("billing", "digisense") }
            .Select(t => tickets.Create(
                new NewTicket(t.Item2, "Demande " + t.Item1, "Le service ne répond plus.", t.Item1, "vroom", "normal", "model",
                    new Requester { UserId = "user-" + Guid.NewGuid().ToString("N")[..8], Name = "Léa Dubois" }, "conv-" + Guid.NewGuid().ToString("N")[..8]),
                new Actor("requester", "user-1")))
            .ToList();
        tickets.Update(filed[2].Reference, new TicketPatch(Status: TicketStatuses.Resolved), new Actor("agent", "agent-1", "Agent"));
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var page = await _host.LoginAsync();
        await page.ClickAsync("a.tab-link[href='/reports']");
        await Assertions.Expect(page.Locator("#opened")).ToHaveTextAsync("3", new() { Timeout = 20_000 });

        await Assertions.Expect(page.Locator("#resolved")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator($"#days-chart rect.opened[data-date='{today}']")).ToHaveAttributeAsync("data-value", "3");
        await Assertions.Expect(page.Locator($"#days-chart rect.resolved[data-date='{today}']")).ToHaveAttributeAsync("data-value", "1");
        await Assertions.Expect(page.Locator("#category-chart rect[data-key='incident']")).ToHaveAttributeAsync("data-value", "2");
        await Assertions.Expect(page.Locator("#operator-chart rect")).ToHaveCountAsync(2);
        await page.ScreenshotAsync(new() { Path = Browser.ArtifactPath("reports.png"), FullPage = true });

        // One operator: the figures follow.
        await page.SelectOptionAsync("#operator", "icosnet");
        await page.ClickAsync("#period button[type=submit]");
        await Assertions.Expect(page.Locator("#opened")).ToHaveTextAsync("1");

        await page.SelectOptionAsync("#operator", "");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#csv"));
        var path = Browser.ArtifactPath("reports.csv");
        await download.SaveAsAsync(path);
        var lines = (await File.ReadAllLinesAsync(path)).Where(l => l.Length > 0).ToList();
        Assert.StartsWith("reference,operator,opened_at", lines[0], StringComparison.Ordinal);
        Assert.Equal(filed.Select(t => t.Reference).Order(), lines.Skip(1).Select(l => l.Split(',')[0]).Order());
        Assert.Contains(lines, l => l.StartsWith(filed[2].Reference + ",digisense,", StringComparison.Ordinal) && l.Contains(",resolved,", StringComparison.Ordinal));
    }
}
