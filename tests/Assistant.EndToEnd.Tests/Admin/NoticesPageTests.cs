using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Assistant.EndToEnd.Tests.Admin;

/// <summary>
/// An admin announces a maintenance from the "Avis" tab in Chromium (after the server's field errors show next to the
/// empty fields): the public status lists it and the chat page shows it above the chat; the admin ends it and the
/// status is empty again.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class NoticesPageTests : IAsyncLifetime
{
    private const int Slow = 20_000;
    private AdminBrowser _host = null!;

    public async Task InitializeAsync() => _host = await AdminBrowser.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<JsonArray> StatusAsync()
    {
        using var http = new HttpClient { BaseAddress = _host.Server };
        return (await http.GetFromJsonAsync<JsonObject>("/api/status?operator=digisense"))!["notices"]!.AsArray();
    }

    [Fact]
    public async Task An_admin_announces_a_maintenance_that_the_status_and_the_chat_page_show_then_ends_itAsync()
    {
        var admin = await _host.LoginAsync();
        await admin.ClickAsync(".tab[data-section=notices]");
        await Assertions.Expect(admin.Locator("#notice-operator option[value=digisense]")).ToHaveCountAsync(1, new() { Timeout = Slow });
        await Assertions.Expect(admin.Locator("#notices-empty")).ToBeVisibleAsync();

        await admin.ClickAsync("#notice-submit");
        await Assertions.Expect(admin.Locator("#notice-form [data-error-for=products]")).ToContainTextAsync("Cochez au moins un produit", new() { Timeout = Slow });
        await Assertions.Expect(admin.Locator("#notice-form [data-error-for=messageFr]")).ToContainTextAsync("Écrivez le message");

        await admin.SelectOptionAsync("#notice-operator", "digisense");
        await admin.CheckAsync("#notice-form input[name=kind][value=maintenance]");
        await Assertions.Expect(admin.Locator("#notice-submit")).ToHaveTextAsync("Annoncer la maintenance");
        await admin.CheckAsync("#notice-products input[value=ibox]");
        // The window in the browser's local time, which is this machine's.
        var now = DateTime.Now;
        await admin.FillAsync("#notice-form [name=startsAt]", now.AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await admin.FillAsync("#notice-form [name=endsAt]", now.AddHours(2).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await admin.FillAsync("#notice-form [name=messageFr]", "Mise à niveau du stockage Ibox : les envois de fichiers sont suspendus pendant deux heures.");
        await admin.FillAsync("#notice-form [name=messageEn]", "Ibox storage upgrade: uploads are paused for two hours.");
        await admin.ClickAsync("#notice-submit");
        await Assertions.Expect(admin.Locator("#notices-result")).ToContainTextAsync("Maintenance annoncée sur Ibox (digisense)", new() { Timeout = Slow });
        var row = admin.Locator("#notices-body tr[data-kind=maintenance][data-state=current]", new() { HasText = "envois de fichiers sont suspendus" });
        await Assertions.Expect(row).ToContainTextAsync("en cours, du");
        await Assertions.Expect(row).ToContainTextAsync("EN : Ibox storage upgrade");

        var status = Assert.Single(await StatusAsync())!;
        Assert.Equal("maintenance", (string?)status["kind"]);
        Assert.True((bool)status["active"]!);
        Assert.Equal("Ibox storage upgrade: uploads are paused for two hours.", (string?)status["message"]!["en"]);

        var visitor = await admin.Context.NewPageAsync();
        await visitor.GotoAsync(new Uri(_host.Server, "/").ToString());
        await Assertions.Expect(visitor.Locator(".chat-notices")).ToContainTextAsync("envois de fichiers sont suspendus", new() { Timeout = Slow });
        await visitor.CloseAsync();

        await row.Locator("[name=textFr]").FillAsync("La mise à niveau avance : fin prévue dans une heure.");
        await row.Locator("button[data-action=update]").ClickAsync();
        await Assertions.Expect(admin.Locator("#notices-result")).ToHaveTextAsync("Mise à jour publiée (digisense, Ibox).", new() { Timeout = Slow });
        await Assertions.Expect(row).ToContainTextAsync("fin prévue dans une heure");
        await admin.ScreenshotAsync(new() { Path = WebChat.Browser.ArtifactPath("admin-notices.png"), FullPage = true });

        admin.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await row.Locator("button[data-action=end]").ClickAsync();
        await Assertions.Expect(admin.Locator("#notices-result")).ToHaveTextAsync("Maintenance terminée (digisense, Ibox).", new() { Timeout = Slow });
        var ended = admin.Locator("#notices-body tr[data-kind=maintenance][data-state=ended]", new() { HasText = "envois de fichiers sont suspendus" });
        await Assertions.Expect(ended).ToContainTextAsync("terminé le");
        await Assertions.Expect(ended.Locator("form")).ToHaveCountAsync(0);
        Assert.Empty(await StatusAsync());
    }
}
