using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Assistant.Bot.Tests.Admin;
using Assistant.Bot.Tests.Channel;
using Assistant.Bot.Tests.Intake;
using Assistant.Ticketing.Mail;
using MimeKit;
using Xunit.Abstractions;

namespace Assistant.Bot.Tests.Mail;

/// <summary>
/// E-mail end to end against a real SMTP server (aiosmtpd in its own process): tickets filed in the chat over Direct Line,
/// replies by an agent through the ticket API, mails read back from what the server received.
/// </summary>
public sealed partial class MailTests : IDisposable
{
    private const string Description = "Le partage d'un dossier Ibox avec un collègue échoue depuis hier.";
    private readonly ITestOutputHelper _output;
    private readonly SmtpSink _smtp = new();
    private readonly AdminHost _host;

    public MailTests(ITestOutputHelper output)
    {
        _output = output;
        _host = new AdminHost(_smtp.Settings().ToDictionary(s => s.Key, s => (string?)s.Value));
    }

    private IMailOutbox Outbox => _host.Service<IMailOutbox>();

    public void Dispose()
    {
        _host.Dispose();
        _smtp.Dispose();
    }

    [Fact]
    public async Task A_ticket_filed_in_the_chat_gets_exactly_one_receipt_with_the_reference_and_the_delaysAsync()
    {
        var (_, reference) = await FileTicketAsync("dl_receipt");

        var receipt = Assert.Single(await _smtp.WaitForAsync(1));
        await WaitUntilSentAsync($"receipt:{reference}");
        Assert.Single(_smtp.Messages());
        Assert.Equal("marie.dupont@example.fr", receipt.To.Mailboxes.Single().Address);
        Assert.Equal("support@digisense.example", receipt.From.Mailboxes.Single().Address);
        Assert.Equal($"[Digisense] Votre demande {reference} est enregistrée", receipt.Subject);
        Assert.Contains("Délais indicatifs : première réponse sous", receipt.TextBody, StringComparison.Ordinal);
        Assert.Contains("http://localhost/digisense#resume=", receipt.TextBody, StringComparison.Ordinal);
        Assert.StartsWith("<http://localhost/mail/unsubscribe?t=", receipt.Headers["List-Unsubscribe"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_agents_public_reply_sends_one_mail_whose_link_reopens_that_conversation_with_the_reply_and_a_note_sends_noneAsync()
    {
        var (chat, reference) = await FileTicketAsync("dl_reply");
        await _smtp.WaitForAsync(1);
        var agent = await _host.AgentAsync();

        var note = await agent.PostAsJsonAsync($"/api/tickets/{reference}/comments", new { text = "Vérifier les droits du partage côté serveur.", @internal = true });
        Assert.Equal(HttpStatusCode.Created, note.StatusCode);
        // The outbox is written before the API answers: a note queued nothing.
        Assert.DoesNotContain(Outbox.List(null, null, 100), m => m.Kind != "receipt");

        var reply = await agent.PostAsJsonAsync($"/api/tickets/{reference}/comments", new { text = "Pouvez-vous réessayer le partage depuis l'application web ?", @internal = false });
        Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
        var messages = await _smtp.WaitForAsync(2);
        await WaitUntilIdleAsync();
        Assert.Equal(2, _smtp.Messages().Count);
        var mail = messages[1];
        Assert.Equal($"[Digisense] Réponse à votre demande {reference}", mail.Subject);
        Assert.Contains("Pouvez-vous réessayer le partage depuis l'application web ?", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("droits du partage", string.Join("\n", _smtp.Messages().Select(m => m.TextBody)), StringComparison.Ordinal);

        // The link, opened as the page does: a token for the same conversation, whose log shows the agent's reply.
        var session = await ResumeAsync(ResumeToken(mail), "digisense", HttpStatusCode.OK);
        Assert.Equal(chat.ConversationId, (string)session["conversationId"]!);
        Assert.Equal(chat.UserId, (string)session["userId"]!);
        var log = await _host.DirectLine.GetActivitiesAsync(chat.ConversationId, (string)session["token"]!);
        Assert.Contains(log["activities"]!.AsArray(), a => ((string?)a!["text"] ?? "").Contains("Pouvez-vous réessayer le partage", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reply_written_while_the_mail_server_is_down_arrives_once_after_it_comes_backAsync()
    {
        var (_, reference) = await FileTicketAsync("dl_outage");
        await _smtp.WaitForAsync(1);
        await WaitUntilSentAsync($"receipt:{reference}");
        _smtp.Stop();

        var agent = await _host.AgentAsync();
        var reply = await agent.PostAsJsonAsync($"/api/tickets/{reference}/comments", new { text = "Le correctif est déployé, pouvez-vous vérifier ?", @internal = false });
        Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
        var queued = Assert.Single(Outbox.List(null, null, 100), m => m.Kind == "reply");
        var failing = await WaitForAsync(() => Outbox.Find(queued.Id) is { State: OutboxStates.Pending, Attempts: >= 2, LastError: not null } m ? m : null);
        _output.WriteLine($"while down: {failing.Attempts} attempts, last error {failing.LastError}");
        Assert.DoesNotContain("@", failing.LastError, StringComparison.Ordinal);

        _smtp.Start();
        var sent = await WaitUntilSentAsync(queued.Id);
        await WaitUntilIdleAsync();
        var replies = _smtp.Messages().Where(m => (m.Subject ?? "").Contains("Réponse à votre demande", StringComparison.Ordinal)).ToList();
        Assert.Single(replies);
        Assert.True(sent.Attempts >= 3, $"{sent.Attempts} attempts");
    }

    [Fact]
    public async Task A_customer_who_followed_the_unsubscribe_link_gets_nothing_more_and_it_is_auditedAsync()
    {
        var (_, reference) = await FileTicketAsync("dl_unsubscribe");
        var receipt = (await _smtp.WaitForAsync(1))[0];
        var link = new Uri(UnsubscribeLink().Match(receipt.TextBody ?? "").Value);

        // The link's page only asks: a mail scanner that follows it unsubscribes nobody.
        var page = await _host.Anonymous.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Confirmer la désinscription", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var token = System.Web.HttpUtility.ParseQueryString(link.Query)["t"]!;
        var done = await _host.Anonymous.PostAsync("/mail/unsubscribe", new FormUrlEncodedContent(new Dictionary<string, string> { ["t"] = token }));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("ne vous écrira plus", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var audit = Assert.Single(_host.Audit("mail.optout"));
        Assert.Equal("digisense", audit.OperatorId);
        Assert.DoesNotContain("marie.dupont", audit.Details, StringComparison.Ordinal);

        var agent = await _host.AgentAsync();
        await agent.PostAsJsonAsync($"/api/tickets/{reference}/comments", new { text = "Nous avons une piste.", @internal = false });
        await agent.PatchAsJsonAsync($"/api/tickets/{reference}", new { status = "open" });
        await WaitUntilIdleAsync();
        Assert.Single(_smtp.Messages());
        Assert.All(Outbox.List(null, null, 100).Where(m => m.Kind != "receipt"), m => Assert.Equal(OutboxStates.Suppressed, m.State));

        var forged = await _host.Anonymous.PostAsync("/mail/unsubscribe", new FormUrlEncodedContent(new Dictionary<string, string> { ["t"] = token[..^2] + "xx" }));
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
    }

    [Fact]
    public async Task A_customer_who_says_pas_d_email_in_the_chat_gets_no_more_mailAsync()
    {
        var (chat, reference) = await FileTicketAsync("dl_noemail");
        await _smtp.WaitForAsync(1);

        var answer = await chat.SayAsync("pas d'e-mail svp");
        Assert.Contains("ne vous écrira plus par e-mail", ChatSession.Text(answer[^1]), StringComparison.Ordinal);
        Assert.Single(_host.Audit("mail.optout"));

        var agent = await _host.AgentAsync();
        await agent.PostAsJsonAsync($"/api/tickets/{reference}/comments", new { text = "Nous avons une piste.", @internal = false });
        await WaitUntilIdleAsync();
        Assert.Single(_smtp.Messages());
        Assert.Equal(OutboxStates.Suppressed, Assert.Single(Outbox.List(null, null, 100), m => m.Kind == "reply").State);
        // The reply still reaches the chat.
        Assert.Contains("Nous avons une piste.", ChatSession.Text((await chat.ReceiveAsync())[0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mail_link_opens_its_own_conversation_only_and_not_once_expired_or_alteredAsync()
    {
        var (first, _) = await FileTicketAsync("dl_link_a");
        var (second, _) = await FileTicketAsync("dl_link_b");
        var mails = await _smtp.WaitForAsync(2);
        var tokenA = ResumeToken(mails.Single(m => (m.TextBody ?? "").Contains(Reference(first), StringComparison.Ordinal)));

        var session = await ResumeAsync(tokenA, "digisense", HttpStatusCode.OK);
        Assert.Equal(first.ConversationId, (string)session["conversationId"]!);
        var other = await _host.DirectLine.Http.SendAsync(_host.DirectLine.Request(HttpMethod.Get, $"/v3/directline/conversations/{second.ConversationId}/activities", (string)session["token"]!));
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);

        await ResumeAsync(tokenA, "icosnet", HttpStatusCode.Forbidden);
        await ResumeAsync(tokenA[..^3] + (tokenA.EndsWith("AAA", StringComparison.Ordinal) ? "BBB" : "AAA"), "digisense", HttpStatusCode.Forbidden);
        _host.Factory.Clock.Advance(TimeSpan.FromDays(31));
        await ResumeAsync(tokenA, "digisense", HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_address_the_server_refuses_is_marked_on_the_ticket_and_the_assistant_asks_for_another_at_the_next_messageAsync()
    {
        var chat = await ChatSession.StartAsync(_host.DirectLine, "dl_refused");
        var reference = await chat.AnswerUntilFiledAsync(Answers("refused.camille@example.fr"));
        var receipt = await WaitForAsync(() => Outbox.Find($"receipt:{reference}") is { State: OutboxStates.Failed } m ? m : null);
        Assert.StartsWith("address refused: 550", receipt.LastError, StringComparison.Ordinal);
        Assert.Empty(_smtp.Messages());

        var agent = await _host.AgentAsync();
        var view = await agent.GetFromJsonAsync<JsonObject>($"/api/inbox/tickets/{reference}");
        Assert.True((bool)view!["mail"]!["addressRefused"]!);
        Assert.StartsWith("550", (string)view["mail"]!["refusedReason"]!, StringComparison.Ordinal);

        var next = await chat.SayAsync("mes demandes");
        Assert.Contains("a refusé l'adresse e-mail", ChatSession.Text(next[^1]), StringComparison.Ordinal);
        Assert.Equal("email", (string?)next[^1]["channelData"]?["slot"]);
        var updated = await chat.SayAsync("camille.martin@example.fr");
        Assert.Contains("nous vous écrirons désormais à cette adresse", ChatSession.Text(updated[^1]), StringComparison.Ordinal);
        view = await agent.GetFromJsonAsync<JsonObject>($"/api/inbox/tickets/{reference}");
        Assert.Equal("camille.martin@example.fr", (string)view!["ticket"]!["requester"]!["email"]!);
        Assert.False((bool)view["mail"]!["addressRefused"]!);

        await agent.PostAsJsonAsync($"/api/tickets/{reference}/comments", new { text = "Nous regardons cela.", @internal = false });
        var mail = Assert.Single(await _smtp.WaitForAsync(1));
        Assert.Equal("camille.martin@example.fr", mail.To.Mailboxes.Single().Address);

        // Asked once: a later message is answered as usual.
        var later = await chat.SayAsync("mes demandes");
        Assert.DoesNotContain(later, m => ChatSession.Text(m).Contains("a refusé", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_admin_outbox_lists_sent_and_failed_mails_with_the_reason_and_never_the_addressAsync()
    {
        var (_, reference) = await FileTicketAsync("dl_outbox");
        await WaitUntilSentAsync($"receipt:{reference}");
        var refusedChat = await ChatSession.StartAsync(_host.DirectLine, "dl_outbox_refused");
        var refused = await refusedChat.AnswerUntilFiledAsync(Answers("refused.x@example.fr"));
        await WaitForAsync(() => Outbox.Find($"receipt:{refused}") is { State: OutboxStates.Failed } m ? m : null);

        var admin = await _host.AdminAsync();
        var response = await admin.GetAsync("/api/admin/mail/outbox");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outbox = JsonNode.Parse(body)!;
        Assert.Equal(1, (int)outbox["counts"]!["sent"]!);
        Assert.Equal(1, (int)outbox["counts"]!["failed"]!);
        var failed = outbox["items"]!.AsArray().Single(i => (string?)i!["state"] == "failed")!;
        Assert.Equal(refused, (string)failed["ticketReference"]!);
        Assert.StartsWith("address refused: 550", (string)failed["reason"]!, StringComparison.Ordinal);
        Assert.DoesNotContain("@example.fr", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/admin/mail/outbox?state=lost")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await _host.AgentAsync()).GetAsync("/api/admin/mail/outbox")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Anonymous.GetAsync("/api/admin/mail/outbox")).StatusCode);
    }

    [Fact]
    public async Task An_incident_update_reaches_the_linked_requester_by_mail_and_a_resolution_asks_for_a_ratingAsync()
    {
        var (_, reference) = await FileTicketAsync("dl_incident");
        await WaitUntilSentAsync($"receipt:{reference}");
        var agent = await _host.AgentAsync();
        var declared = await agent.PostAsJsonAsync("/api/notices", new { @operator = "digisense", kind = "incident", products = new[] { "ibox" }, messageFr = "Les partages Ibox échouent" });
        Assert.Equal(HttpStatusCode.Created, declared.StatusCode);
        var notice = (await declared.Content.ReadFromJsonAsync<JsonObject>())!;
        _host.Service<Assistant.Ticketing.Tickets.ITicketService>().Update(reference,
            new Assistant.Ticketing.Tickets.TicketPatch(IncidentReference: (string)notice["incidentReference"]!), new Assistant.Ticketing.Tickets.Actor("agent", _host.Agent.Id, "agent"));

        var update = await agent.PostAsJsonAsync($"/api/notices/{notice["id"]}/updates", new { textFr = "Cause trouvée, correctif en cours de déploiement." });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        var mail = (await _smtp.WaitForAsync(2))[1];
        Assert.Equal($"[Digisense] Incident en cours : nouvelle information sur votre demande {reference}", mail.Subject);
        Assert.Contains("Cause trouvée, correctif en cours de déploiement.", mail.TextBody, StringComparison.Ordinal);
        // The incident's own ticket has no requester to write to: one mail only.
        await WaitUntilIdleAsync();
        Assert.Equal(2, _smtp.Messages().Count);

        await agent.PatchAsJsonAsync($"/api/tickets/{reference}", new { status = "open" });
        await agent.PatchAsJsonAsync($"/api/tickets/{reference}", new { status = "resolved" });
        var messages = await _smtp.WaitForAsync(4);
        Assert.Equal($"[Digisense] Votre demande {reference} : en cours de traitement", messages[2].Subject);
        Assert.Equal($"[Digisense] Votre demande {reference} est résolue", messages[3].Subject);
        Assert.Contains("Donnez une note de 1 à 5", messages[3].TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_customer_who_writes_english_gets_the_mails_in_englishAsync()
    {
        var chat = await ChatSession.StartAsync(_host.DirectLine, "dl_english");
        var answers = Answers("mary.smith@example.com");
        answers["description"] = "Sharing an Ibox folder with a colleague has been failing since yesterday.";
        answers["name"] = "Mary Smith";
        answers["phone"] = "Skip";
        answers["customerNumber"] = "Not a customer";
        answers["confirmation"] = "Confirm";
        var reference = await chat.AnswerUntilFiledAsync(answers);

        var receipt = Assert.Single(await _smtp.WaitForAsync(1));
        Assert.Equal($"[Digisense] Your request {reference} is recorded", receipt.Subject);
        Assert.Contains("Indicative delays: first response within", receipt.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erasing_a_visitor_removes_their_address_from_the_outboxAsync()
    {
        var (chat, reference) = await FileTicketAsync("dl_erased");
        await WaitUntilSentAsync($"receipt:{reference}");
        _smtp.Stop();
        var agent = await _host.AgentAsync();
        await agent.PostAsJsonAsync($"/api/tickets/{reference}/comments", new { text = "Nous avons une piste.", @internal = false });
        Assert.Equal(2, Outbox.List(null, null, 100).Count);

        var admin = await _host.AdminAsync();
        var erased = await admin.DeleteAsync($"/api/admin/users/{chat.UserId}");
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);

        var left = Assert.Single(Outbox.List(null, null, 100));
        Assert.Equal(("receipt", OutboxStates.Sent, ""), (left.Kind, left.State, left.To));
        Assert.Empty(left.Values);
        var file = await File.ReadAllBytesAsync(Path.Combine(_host.Factory.DataDirectory, MailDatabase.FileName));
        Assert.DoesNotContain("marie.dupont@example.fr", System.Text.Encoding.UTF8.GetString(file), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_edits_a_mail_template_in_the_console_api_and_the_next_mail_uses_itAsync()
    {
        var admin = await _host.AdminAsync();
        const string Text = "[{{$operator}}] Bien reçu : {{$reference}}\nBonjour,\n\nVotre demande {{$reference}} est bien arrivée.\n\n{{$link}}\n\n--\n{{$unsubscribe}}";
        var preview = await admin.PostAsJsonAsync("/api/admin/templates/MailReceipt/fr/preview", new { text = Text });
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.StartsWith("[Digisense] Bien reçu : DGS-2026-000123", (string)(await preview.Content.ReadFromJsonAsync<JsonObject>())!["rendered"]!, StringComparison.Ordinal);
        var saved = await admin.PutAsJsonAsync("/api/admin/templates/MailReceipt/fr", new { text = Text, reason = "Un objet plus court" });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var (_, reference) = await FileTicketAsync("dl_template");
        var receipt = Assert.Single(await _smtp.WaitForAsync(1));
        Assert.Equal($"[Digisense] Bien reçu : {reference}", receipt.Subject);
        Assert.Contains("est bien arrivée", receipt.TextBody, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Answers(string email) => new()
    {
        ["consent"] = "Accepter et valider",
        ["description"] = Description,
        ["category"] = "Incident",
        ["product"] = "Ibox",
        ["name"] = "Camille Martin",
        ["email"] = email,
        ["phone"] = "Passer",
        ["customerNumber"] = "Pas client",
        ["confirmation"] = "Confirmer",
    };

    private Task<(ChatSession Chat, string Reference)> FileTicketAsync(string userId) =>
        ChatSession.FileTicketAsync(new DirectLineTestClient(_host.Factory.CreateClient()) { Log = _output.WriteLine }, userId, Description, "Incident", "Ibox");

    private static string Reference(ChatSession chat) => ChatSession.ReferenceIn(chat.BotMessages)!;

    private static string ResumeToken(MimeMessage mail) => ResumeLink().Match(mail.TextBody ?? "").Groups[1].Value;

    private async Task<JsonObject> ResumeAsync(string token, string operatorId, HttpStatusCode expected)
    {
        var response = await _host.Anonymous.PostAsJsonAsync("/api/directline/token", new { @operator = operatorId, resume = token });
        Assert.Equal(expected, response.StatusCode);
        return expected == HttpStatusCode.OK ? (await response.Content.ReadFromJsonAsync<JsonObject>())! : [];
    }

    private Task<OutboxMail> WaitUntilSentAsync(string id) =>
        WaitForAsync(() => Outbox.Find(id) is { State: OutboxStates.Sent } mail ? mail : null);

    /// <summary>Nothing left to send: every mail the outbox holds has been sent, refused or suppressed.</summary>
    private Task WaitUntilIdleAsync() =>
        WaitForAsync(() => Outbox.List(null, null, 500).All(m => m.State is not (OutboxStates.Pending or OutboxStates.Sending)) ? "idle" : null);

    private static async Task<T> WaitForAsync<T>(Func<T?> probe)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (probe() is { } found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The outbox did not reach the expected state within 20 s");
    }

    [GeneratedRegex(@"#resume=([A-Za-z0-9_.-]+)")]
    private static partial Regex ResumeLink();

    [GeneratedRegex(@"http://localhost/mail/unsubscribe\?t=[A-Za-z0-9_.-]+")]
    private static partial Regex UnsubscribeLink();
}
