using System.Security.Claims;
using System.Text.Encodings.Web;
using Assistant.Bot.Admin.Audit;
using Assistant.Bot.Auth;
using Assistant.Ticketing.Mail;
using Assistant.Ticketing.Operators;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assistant.Bot.Mail;

/// <summary>One outbox line for the admin console: what, for which ticket, its state and why; never the address or the text.</summary>
public sealed record OutboxMailResponse(
    string Id, string OperatorId, string Kind, string? TicketReference, string State, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, DateTimeOffset? SentAt, string? Reason)
{
    public static OutboxMailResponse From(OutboxMail mail) => new(
        mail.Id, mail.OperatorId, mail.Kind, mail.TicketReference, mail.State, mail.Attempts, mail.CreatedAt, mail.NextAttemptAt, mail.SentAt, mail.LastError);
}

public sealed record OutboxResponse(IReadOnlyDictionary<string, int> Counts, IReadOnlyList<OutboxMailResponse> Items, IReadOnlyList<string> OperatorsWithMail);

/// <summary>The unsubscribe link's page (a GET shows a button, so a mail scanner that follows links unsubscribes nobody) and the admins' outbox view.</summary>
public static class MailApi
{
    public static WebApplication MapMailApi(this WebApplication app)
    {
        app.MapGet("/mail/unsubscribe", UnsubscribePage).ExcludeFromDescription();
        // The page's button and mail programs' one-click unsubscribe (RFC 8058) both post here; the token is the only credential.
        app.MapPost("/mail/unsubscribe", UnsubscribeAsync).ExcludeFromDescription().DisableAntiforgery();

        var admin = app.MapGroup("/api/admin/mail").RequireAuthorization(StaffAuthSetup.AdminPolicy).WithTags("Admin: e-mail");
        admin.MapGet("/outbox", Outbox).WithSummary("The outbox: counts per state and the newest mails (pending, sending, sent, failed with the reason, suppressed)");
        return app;
    }

    internal static Results<Ok<OutboxResponse>, ValidationProblem> Outbox(
        ClaimsPrincipal user, IMailOutbox outbox, IOperatorCatalog operators, Microsoft.Extensions.Options.IOptions<MailOptions> options, string? state = null, int limit = 100)
    {
        if (state is not null && !OutboxStates.All.Contains(state))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["state"] = [$"must be one of {string.Join(", ", OutboxStates.All)}"] });
        }

        // Admins see every operator (the route needs the admin role).
        IReadOnlyCollection<string>? scope = user.Scope().IsAdmin ? null : user.Scope().OperatorIds;
        return TypedResults.Ok(new OutboxResponse(
            outbox.Counts(scope),
            outbox.List(state, scope, limit).Select(OutboxMailResponse.From).ToList(),
            operators.All.Where(o => options.Value.For(o.Id) is not null).Select(o => o.Id).ToList()));
    }

    private static IResult UnsubscribePage(string? t, MailLinks links, IOperatorCatalog operators)
    {
        var claims = links.Read(t, MailLinks.Unsubscribe);
        if (claims is null)
        {
            return Page("Lien non valable", "<p>Ce lien de désinscription n'est pas valable ou a expiré. Vous pouvez écrire « pas d'e-mail » à l'assistant dans votre conversation.</p>", StatusCodes.Status404NotFound);
        }

        var name = HtmlEncoder.Default.Encode(operators.Find(claims.OperatorId)?.Name ?? claims.OperatorId);
        return Page("Ne plus recevoir d'e-mails", $"""
            <p>Vous ne recevrez plus d'e-mails de {name} au sujet de vos demandes. Les réponses de l'équipe resteront dans votre conversation avec l'assistant.</p>
            <form method="post" action="/mail/unsubscribe">
              <input type="hidden" name="t" value="{HtmlEncoder.Default.Encode(t!)}">
              <button type="submit">Confirmer la désinscription</button>
            </form>
            """);
    }

    private static async Task<IResult> UnsubscribeAsync(HttpContext context, MailLinks links, IMailAddressBook addresses, AuditLog audit, IOperatorCatalog operators, TimeProvider time)
    {
        string? token = context.Request.Query["t"];
        if (string.IsNullOrEmpty(token) && context.Request.HasFormContentType)
        {
            token = (await context.Request.ReadFormAsync(context.RequestAborted))["t"];
        }

        var claims = links.Read(token, MailLinks.Unsubscribe);
        if (claims?.AddressKey is null)
        {
            return Page("Lien non valable", "<p>Ce lien de désinscription n'est pas valable ou a expiré.</p>", StatusCodes.Status404NotFound);
        }

        addresses.OptOut(claims.OperatorId, claims.AddressKey, claims.UserId, "link", time.GetUtcNow());
        audit.Record(AuditActors.System, "mail link", "mail.optout", claims.UserId, $"the customer unsubscribed from {claims.OperatorId} e-mail with the link of a mail", claims.OperatorId);
        var name = HtmlEncoder.Default.Encode(operators.Find(claims.OperatorId)?.Name ?? claims.OperatorId);
        return Page("Désinscription enregistrée", $"<p>C'est fait : {name} ne vous écrira plus par e-mail. Les réponses de l'équipe restent dans votre conversation avec l'assistant.</p>");
    }

    private static IResult Page(string title, string body, int status = StatusCodes.Status200OK) => Results.Content($"""
        <!DOCTYPE html>
        <html lang="fr">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title><link rel="stylesheet" href="/css/chat.css"></head>
        <body><main class="chat-main"><h1>{title}</h1>{body}</main></body>
        </html>
        """, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
}
