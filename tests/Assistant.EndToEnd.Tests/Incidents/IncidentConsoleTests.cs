using System.Text.RegularExpressions;
using Assistant.EndToEnd.Tests.Inbox;
using Assistant.EndToEnd.Tests.WebChat;
using Assistant.Ticketing.Tickets;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Assistant.EndToEnd.Tests.Incidents;

/// <summary>
/// The agent console's "Incidents" view in Chromium: an agent declares a V-room incident from the page (after the
/// server's field errors show next to the empty fields), a visitor reporting V-room trouble in WebChat is told and
/// linked, the agent's update from the page reaches the visitor's chat, the resolution ends it, and the reports list
/// it. A maintenance window is announced and ended. A surge of similar Ibox reports filed while the view is open
/// appears as a suggestion without a reload and is declared in one click. In "Demandes" the incident is one line counting
/// its linked report, which its button lists, and the incident's ticket view asks for no conversation.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed partial class IncidentConsoleTests(InboxServerFixture fixture, ITestOutputHelper output) : IClassFixture<InboxServerFixture>, IAsyncLifetime
{
    private const int Slow = 20_000;
    private readonly List<IBrowserContext> _contexts = [];

    public Task InitializeAsync() => Task.CompletedTask;

    // The pages go with their test: one left open would keep writing its console to a finished test's output.
    public async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task An_agent_declares_updates_and_resolves_an_incident_from_the_console_and_the_visitor_reads_it_in_WebChatAsync()
    {
        var agent = await AgentOnIncidentsAsync();

        // Nothing filled in: the server's 400 names the fields, and each message shows next to its field.
        await agent.ClickAsync("#declare-submit");
        await Assertions.Expect(agent.Locator("#declare-form [data-error-for=products]")).ToContainTextAsync("Cochez au moins un produit", new() { Timeout = Slow });
        await Assertions.Expect(agent.Locator("#declare-form [data-error-for=messageFr]")).ToContainTextAsync("Écrivez le message");

        await agent.CheckAsync("#declare-products input[value=vroom]");
        await agent.FillAsync("#declare-form [name=messageFr]", "Les réunions V-room ne démarrent plus, écran noir à la connexion");
        await agent.FillAsync("#declare-form [name=messageEn]", "V-room meetings no longer start: black screen when joining");
        await agent.ClickAsync("#declare-submit");
        await Assertions.Expect(agent.Locator("#declare-done")).ToContainTextAsync("Incident déclaré sur V-room", new() { Timeout = Slow });
        await Assertions.Expect(agent.Locator("#declare-form [data-error-for=products]")).ToBeEmptyAsync();
        var card = agent.Locator("#notices-current li[data-kind=incident]", new() { HasText = "écran noir à la connexion" });
        await Assertions.Expect(card).ToContainTextAsync("en cours depuis le", new() { Timeout = Slow });
        await Assertions.Expect(card).ToContainTextAsync("0 signalement lié");
        var reference = await card.Locator("button.link").InnerTextAsync();

        // The visitor is told at once and says yes: the report is linked, and the agent's card counts it without a reload.
        var user = await NewPageAsync();
        await user.GotoAsync(new Uri(fixture.Server, "/").ToString());
        await Assertions.Expect(Bubble(user, "Incident en cours sur V")).ToBeVisibleAsync(new() { Timeout = Slow });
        await user.Locator(".webchat__suggested-actions button", new() { HasText = "Accepter et valider" }).ClickAsync();
        await Assertions.Expect(Bubble(user, "Quel est votre problème")).ToBeVisibleAsync(new() { Timeout = Slow });
        var sendBox = user.Locator("[data-id='webchat-sendbox-input']");
        await sendBox.FillAsync("Depuis ce matin impossible de rejoindre nos réunions V-room, écran noir");
        await sendBox.PressAsync("Enter");
        await Assertions.Expect(Bubble(user, "Est-ce bien ce qui vous arrive")).ToBeVisibleAsync(new() { Timeout = Slow });
        await user.Locator(".webchat__suggested-actions button", new() { HasText = "Oui, tenez-moi informé" }).ClickAsync();
        await Assertions.Expect(Bubble(user, "est rattaché")).ToBeVisibleAsync(new() { Timeout = Slow });
        await Assertions.Expect(card).ToContainTextAsync("1 signalement lié", new() { Timeout = Slow });

        // In "Demandes" the incident is one line counting its report, which is not listed again; its button lists it.
        await agent.ClickAsync(".tabs [data-tab=inbox]");
        var incidentLine = agent.Locator($"#inbox-list li[data-reference='{reference}']");
        await Assertions.Expect(incidentLine.Locator("button.linked")).ToHaveTextAsync("incident · 1 signalement lié", new() { Timeout = Slow });
        var linkedReport = fixture.Tickets.Query(new TicketQuery(Limit: 10) { IncidentReference = reference }).Single().Reference;
        await Assertions.Expect(agent.Locator($"#inbox-list li[data-reference='{linkedReport}']")).ToHaveCountAsync(0);
        await incidentLine.Locator("button.linked").ClickAsync();
        await Assertions.Expect(agent.Locator("#inbox-incident")).ToContainTextAsync(reference);
        await Assertions.Expect(agent.Locator("#inbox-list li")).ToHaveCountAsync(1, new() { Timeout = Slow });
        await Assertions.Expect(agent.Locator($"#inbox-list li[data-reference='{linkedReport}']")).ToContainTextAsync("lié à " + reference);
        await agent.ClickAsync("#inbox-incident-clear");
        await Assertions.Expect(agent.Locator("#inbox-incident")).ToBeHiddenAsync();
        await agent.ClickAsync(".tabs [data-tab=incidents]");

        await card.Locator("[name=textFr]").FillAsync("Correctif en cours de déploiement sur les serveurs V-room.");
        await card.Locator("button[data-action=update]").ClickAsync();
        await Assertions.Expect(card.Locator(".told")).ToHaveTextAsync("Mise à jour publiée : 1 demandeur informé.", new() { Timeout = Slow });
        await Assertions.Expect(card.Locator(".updates li")).ToContainTextAsync("Correctif en cours de déploiement");
        await Assertions.Expect(Bubble(user, "Correctif en cours de déploiement")).ToBeVisibleAsync(new() { Timeout = Slow });
        await agent.ScreenshotAsync(new() { Path = Browser.ArtifactPath("incident-console.png") });

        // Resolving needs the resolution text; with it, the incident moves to the ended ones and the visitor is told.
        await card.Locator("button[data-action=end]").ClickAsync();
        await Assertions.Expect(card.Locator("[data-error-for=textFr]")).ToContainTextAsync("Écrivez la résolution");
        agent.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await card.Locator("[name=textFr]").FillAsync("Le service fonctionne de nouveau normalement.");
        await card.Locator("button[data-action=end]").ClickAsync();
        var ended = agent.Locator("#notices-ended li[data-kind=incident]", new() { HasText = "écran noir à la connexion" });
        await Assertions.Expect(ended.Locator(".told")).ToHaveTextAsync("Incident résolu : 1 demandeur informé.", new() { Timeout = Slow });
        await Assertions.Expect(ended).ToContainTextAsync("terminé le");
        await Assertions.Expect(ended.Locator("form")).ToHaveCountAsync(0);
        await Assertions.Expect(agent.Locator("#notices-current li[data-kind=incident]")).ToHaveCountAsync(0);
        await Assertions.Expect(Bubble(user, "fonctionne de nouveau normalement")).ToBeVisibleAsync(new() { Timeout = Slow });

        // The incident's reference opens its ticket in the "Demandes" view: its linked report, and no conversation to ask
        // for (its conversation id names the notice, which the console once asked as a handoff and got a 404).
        var handoffAsks = new List<string>();
        agent.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/handoffs/", StringComparison.Ordinal))
            {
                handoffAsks.Add(request.Url);
            }
        };
        await ended.Locator("button.link").ClickAsync();
        await Assertions.Expect(agent.Locator("#view-inbox")).ToBeVisibleAsync();
        await Assertions.Expect(agent.Locator("#tv-reference")).ToHaveTextAsync(reference, new() { Timeout = Slow });
        await Assertions.Expect(agent.Locator("#tv-incident")).ToContainTextAsync("Incident : 1 signalement lié.");
        await Assertions.Expect(agent.Locator("#tv-transcript")).ToContainTextAsync("Demande d'incident : pas de conversation avec un client");
        await Assertions.Expect(agent.Locator("#tv-take")).ToBeHiddenAsync();
        Assert.Empty(handoffAsks);
        await agent.Locator("#tv-incident button[data-action=linked]").ClickAsync();
        await Assertions.Expect(agent.Locator($"#inbox-list li[data-reference='{linkedReport}']")).ToContainTextAsync("résolue", new() { Timeout = Slow });
        await agent.Locator($"#inbox-list li[data-reference='{linkedReport}']").ClickAsync();
        await Assertions.Expect(agent.Locator("#tv-reference")).ToHaveTextAsync(linkedReport, new() { Timeout = Slow });
        await Assertions.Expect(agent.Locator("#tv-incident")).ToContainTextAsync("Rattachée à l'incident " + reference);

        // The reports list it: its one linked report, a first update within minutes, ended.
        await agent.GotoAsync(new Uri(fixture.Server, "/reports").ToString());
        var row = agent.Locator($"#incidents-table tr[data-reference='{reference}']");
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = Slow });
        await Assertions.Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("V-room");
        await Assertions.Expect(row.Locator("td").Nth(4)).Not.ToHaveTextAsync("en cours");
        await Assertions.Expect(row.Locator("td").Nth(5)).ToHaveTextAsync("1");
        await Assertions.Expect(row.Locator("td").Nth(6)).ToHaveTextAsync(MinutesPattern());
        await Assertions.Expect(agent.Locator("#incidents-summary")).ToContainTextAsync("signalement(s) lié(s)");
        await agent.ScreenshotAsync(new() { Path = Browser.ArtifactPath("incident-report.png"), FullPage = true });
    }

    [Fact]
    public async Task A_surge_of_similar_reports_shows_as_a_suggestion_without_a_reload_and_one_click_declares_itAsync()
    {
        var agent = await AgentOnIncidentsAsync();
        await Assertions.Expect(agent.Locator("#suggestions-empty")).ToBeVisibleAsync(new() { Timeout = Slow });
        await Assertions.Expect(agent.Locator("#incidents-badge")).ToBeHiddenAsync();

        // Ten similar Ibox reports (the default threshold) filed while the page is open.
        for (var i = 1; i <= 10; i++)
        {
            var text = $"Ibox : l'envoi de fichiers échoue, téléversement bloqué à 99 % (poste {i})";
            fixture.Tickets.Create(
                new NewTicket("digisense", text, text, "incident", "ibox", "high", "model", new Requester { UserId = $"user-surge-{i}" }, $"conv-surge-{i}"),
                new Actor("requester", $"user-surge-{i}"));
        }

        var suggestion = agent.Locator("#suggestions li[data-product=ibox]");
        await Assertions.Expect(suggestion).ToContainTextAsync("10 signalements", new() { Timeout = Slow });
        await Assertions.Expect(suggestion).ToContainTextAsync("téléversement bloqué");
        await Assertions.Expect(agent.Locator("#incidents-badge")).ToHaveTextAsync("1");

        await suggestion.Locator("[name=messageFr]").FillAsync("L'envoi de fichiers sur Ibox échoue à la fin du téléversement.");
        await suggestion.Locator("button[type=submit]").ClickAsync();
        var card = agent.Locator("#notices-current li[data-kind=incident]", new() { HasText = "fin du téléversement" });
        await Assertions.Expect(card.Locator(".told")).ToContainTextAsync("Incident déclaré : 10 signalements liés", new() { Timeout = Slow });
        await Assertions.Expect(card).ToContainTextAsync("Ibox");
        await Assertions.Expect(agent.Locator("#suggestions li")).ToHaveCountAsync(0, new() { Timeout = Slow });
        await Assertions.Expect(agent.Locator("#incidents-badge")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task An_agent_announces_a_maintenance_window_and_ends_it_from_the_consoleAsync()
    {
        var agent = await AgentOnIncidentsAsync();
        await agent.CheckAsync("#declare-form input[name=kind][value=maintenance]");
        await Assertions.Expect(agent.Locator("#declare-submit")).ToHaveTextAsync("Annoncer la maintenance");
        await agent.CheckAsync("#declare-products input[value=client-space]");
        await agent.FillAsync("#declare-form [name=messageFr]", "Maintenance de l'espace client demain matin : connexion impossible pendant deux heures.");

        // A window that ends before it starts is refused, with the message next to the window.
        var tomorrow = DateTime.Today.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await agent.FillAsync("#declare-form [name=startsAt]", tomorrow + "T10:00");
        await agent.FillAsync("#declare-form [name=endsAt]", tomorrow + "T09:00");
        await agent.ClickAsync("#declare-submit");
        await Assertions.Expect(agent.Locator("#declare-form [data-error-for=endsAt]")).ToContainTextAsync("Donnez la fenêtre", new() { Timeout = Slow });

        await agent.FillAsync("#declare-form [name=endsAt]", tomorrow + "T12:00");
        await agent.ClickAsync("#declare-submit");
        await Assertions.Expect(agent.Locator("#declare-done")).ToContainTextAsync("Maintenance annoncée sur espace client", new() { Timeout = Slow });
        var card = agent.Locator("#notices-current li[data-kind=maintenance]", new() { HasText = "Maintenance de l'espace client" });
        await Assertions.Expect(card).ToContainTextAsync("prévue, du", new() { Timeout = Slow });
        await Assertions.Expect(card.Locator("button.link")).ToHaveCountAsync(0);

        agent.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await card.Locator("button[data-action=end]").ClickAsync();
        var ended = agent.Locator("#notices-ended li[data-kind=maintenance]", new() { HasText = "Maintenance de l'espace client" });
        await Assertions.Expect(ended.Locator(".told")).ToHaveTextAsync("Maintenance terminée.", new() { Timeout = Slow });
        await Assertions.Expect(agent.Locator("#notices-current li[data-kind=maintenance]")).ToHaveCountAsync(0);
    }

    private async Task<IPage> AgentOnIncidentsAsync()
    {
        var agent = await NewPageAsync();
        await agent.GotoAsync(new Uri(fixture.Server, "/agent").ToString());
        await agent.FillAsync("#login-form [name=email]", InboxServerFixture.AgentEmail);
        await agent.FillAsync("#login-form [name=password]", InboxServerFixture.AgentPassword);
        await agent.ClickAsync("#login-form button[type=submit]");
        await Assertions.Expect(agent.Locator("#feed-status")).ToContainTextAsync("en ligne", new() { Timeout = Slow });
        await agent.ClickAsync(".tabs [data-tab=incidents]");
        await Assertions.Expect(agent.Locator("#declare-operator")).ToHaveValueAsync("digisense");
        return agent;
    }

    [GeneratedRegex(@"^\d+ min$")]
    private static partial Regex MinutesPattern();

    private static ILocator Bubble(IPage page, string text) =>
        page.Locator("#webchat .webchat__bubble__content", new() { HasText = text });

    private async Task<IPage> NewPageAsync()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "fr-FR",
            ViewportSize = new ViewportSize { Width = 1280, Height = 860 },
        });
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        page.Console += (_, message) => output.WriteLine($"[browser {message.Type}] {message.Text}");
        page.PageError += (_, error) => output.WriteLine($"[browser error] {error}");
        return page;
    }
}
