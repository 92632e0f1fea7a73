using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Assistant.Bot.Admin.Audit;
using Assistant.Bot.Tests.Admin;
using Assistant.Bot.Tests.Intake;

namespace Assistant.Bot.Tests.SelfService;

/// <summary>Admins edit a help article: a draft is not served, a published version answers the next question, unpublish and rollback, all audited.</summary>
public sealed class ArticlesApiTests : IDisposable
{
    private const string Path = "/api/admin/selfservice/articles/icosnet/ibox-sharing/fr";
    private const string Question = "Comment envoyer un trombone violet à un collègue ?";
    private readonly AdminHost _host = new(new() { ["Assistant:SelfService:Enabled"] = "true" });

    public void Dispose() => _host.Dispose();

    private static object Edit(string reason) => new
    {
        title = "Ibox : envoyer un trombone violet à un collègue",
        body = "Dans Ibox, faites un clic droit sur le trombone violet, puis **Partager**, et saisissez l'adresse du collègue.",
        products = new[] { "ibox" },
        categories = new[] { "question" },
        tags = new[] { "trombone violet", "envoyer" },
        link = "https://apps.icosnet.com/aide/ibox-partage",
        reason,
    };

    /// <summary>What a new visitor reads after asking <see cref="Question"/>.</summary>
    private async Task<string> AskAsync()
    {
        var chat = await ChatSession.StartOnPageAsync(_host.DirectLine, "icosnet");
        await chat.SayAsync(Question);
        return chat.PendingSlot == "article" ? ChatSession.Text(chat.LastPrompt) : "";
    }

    [Fact]
    public async Task A_published_version_answers_the_next_question_and_rollback_brings_the_file_backAsync()
    {
        var admin = await _host.AdminAsync();
        Assert.DoesNotContain("trombone", await AskAsync(), StringComparison.Ordinal);

        var saved = await admin.PutAsJsonAsync(Path, Edit("Nouvelle procédure"));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(1, (int)(await saved.Content.ReadFromJsonAsync<JsonObject>())!["version"]!);
        // A draft is not served.
        Assert.DoesNotContain("trombone", await AskAsync(), StringComparison.Ordinal);

        var preview = await (await admin.PostAsJsonAsync(Path + "/preview", new
        {
            title = "Ibox : envoyer un trombone violet à un collègue",
            body = "Dans Ibox, faites un clic droit sur le trombone violet, puis **Partager**.",
            products = new[] { "ibox" },
            categories = new[] { "question" },
            tags = new[] { "trombone violet" },
            link = "https://apps.icosnet.com/aide/ibox-partage",
            question = Question,
        })).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("answer", (string)preview!["decision"]!);
        Assert.Equal("icosnet/ibox-sharing", (string)preview["bestArticle"]!);
        Assert.DoesNotContain("**", (string)preview["extract"]!, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync(Path + "/publish", new { version = 1, reason = "Relu" })).StatusCode);
        Assert.Contains("Ibox : envoyer un trombone violet à un collègue", await AskAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync(Path + "/unpublish", new { reason = "Procédure retirée" })).StatusCode);
        Assert.Equal("", await AskAsync());
        var article = await admin.GetFromJsonAsync<JsonObject>(Path);
        Assert.Equal(-1, (int)article!["published"]!);

        var rolledBack = await (await admin.PostAsJsonAsync(Path + "/rollback", new { version = 0, reason = "Retour au texte livré" })).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(2, (int)rolledBack!["published"]!);
        Assert.Equal("Ibox : partager un fichier ou un dossier", (string)rolledBack["served"]!["title"]!);
        Assert.DoesNotContain("trombone", await AskAsync(), StringComparison.Ordinal);

        var actions = _host.Service<AuditLog>().Search(new AuditQuery(Action: "article")).Select(e => e.Action).ToList();
        Assert.Equal(["article.rollback", "article.unpublish", "article.publish", "article.save"], actions);
    }

    [Fact]
    public async Task A_bad_article_or_a_missing_reason_is_refused_and_nothing_is_savedAsync()
    {
        var admin = await _host.AdminAsync();
        var bad = await admin.PutAsJsonAsync(Path, new { title = "x", body = "y", products = new[] { "mainframe" }, categories = new[] { "question" }, link = "http://insecure.example", reason = "r" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("products", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var noLink = await admin.PutAsJsonAsync(Path, new { title = "x", body = "y", products = new[] { "ibox" }, categories = new[] { "question" }, link = "http://insecure.example", reason = "r" });
        Assert.Contains("https", await noLink.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync(Path, Edit(""))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync(Path + "/publish", new { version = 7, reason = "r" })).StatusCode);
        Assert.Empty((await admin.GetFromJsonAsync<JsonObject>(Path))!["history"]!.AsArray());

        var agent = await _host.AgentAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PutAsJsonAsync(Path, Edit("r"))).StatusCode);
    }
}
