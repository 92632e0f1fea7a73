using System.Security.Claims;
using Assistant.Bot.Admin.Audit;
using Assistant.Bot.Auth;
using Assistant.Ticketing.Notices;
using Assistant.Ticketing.Operators;
using Assistant.Ticketing.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Assistant.Bot.Incidents;

/// <summary>
/// Service notices: the consoles' API to declare, update and end them (agents for their operators, admins for all; each
/// change audited), and the public <c>GET /api/status</c> of the current notices. Other operators' notices are 404.
/// </summary>
public static class NoticesApi
{
    public static IEndpointRouteBuilder MapNoticesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/status", Status)
            .WithTags("Status")
            .AllowAnonymous()
            .WithSummary("Public: the current service notices (maintenances announced or under way, ongoing incidents); none once ended");

        var group = app.MapGroup("/api/notices")
            .WithTags("Notices")
            .RequireAuthorization(StaffAuthSetup.AgentPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", List).WithSummary("The notices of your operators, newest first, ended ones included; an incident with its linked reports");
        group.MapGet("/suggestions", Suggestions)
            .WithSummary("Suggested incidents: recent similar reports on one product (threshold and window in Assistant:Incidents)");
        group.MapPost("/suggestions/declare", DeclareSuggestionAsync).WithMetadata(AuditedByEndpoint.Instance)
            .WithSummary("Declares a suggested incident and links its reports; each requester is told in their chat");
        group.MapGet("/{id}", Get).WithSummary("One notice with its incident ticket and the reports linked to it");
        group.MapPost("/", DeclareAsync).WithMetadata(AuditedByEndpoint.Instance)
            .WithSummary("Declares a planned maintenance (window, products, message) or an ongoing incident (products, symptoms; it gets a ticket of its own)");
        group.MapPost("/{id}/updates", UpdateAsync).WithMetadata(AuditedByEndpoint.Instance)
            .WithSummary("Posts an update; for an incident it reaches every linked requester in their chat");
        group.MapPost("/{id}/end", EndAsync).WithMetadata(AuditedByEndpoint.Instance)
            .WithSummary("Ends the notice; an incident is resolved with its linked reports, and each requester is told");
        return app;
    }

    internal static Ok<StatusResponse> Status([FromQuery(Name = "operator")] string? operatorId, NoticeBoard board)
    {
        var now = board.Now;
        IReadOnlyList<PublicNoticeResponse> notices = [.. board.Current(operatorId?.Trim().ToLowerInvariant()).Select(n => PublicNoticeResponse.From(n, now))];
        return TypedResults.Ok(new StatusResponse(now, notices));
    }

    internal static Ok<IReadOnlyList<NoticeResponse>> List(ClaimsPrincipal user, NoticeBoard board, NoticeDesk desk, int? limit)
    {
        var scope = user.Scope();
        var now = board.Now;
        // The console shows how many reports each incident gathers: one indexed query per incident.
        IReadOnlyList<NoticeResponse> notices = [.. board.History(scope.IsAdmin ? null : scope.OperatorIds, limit ?? 100)
            .Select(n => NoticeResponse.From(n, now, n.TicketReference is { } incident ? [.. desk.Linked(incident).Select(t => t.Reference)] : null))];
        return TypedResults.Ok(notices);
    }

    internal static Results<Ok<NoticeResponse>, ProblemHttpResult> Get(string id, ClaimsPrincipal user, NoticeBoard board, NoticeDesk desk)
    {
        if (board.Find(id) is not { } notice || !user.Scope().CanSee(notice.OperatorId))
        {
            return NotFound(id);
        }
        var linked = notice.TicketReference is { } incident ? desk.Linked(incident).Select(t => t.Reference).ToList() : null;
        return TypedResults.Ok(NoticeResponse.From(notice, board.Now, linked));
    }

    internal static async Task<Results<Created<NoticeResponse>, ValidationProblem, ProblemHttpResult>> DeclareAsync(
        NoticeRequest request, ClaimsPrincipal user, IOperatorCatalog operators, NoticeBoard board, NoticeDesk desk, AuditLog audit)
    {
        var scope = user.Scope();
        var operatorId = request.Operator?.Trim().ToLowerInvariant() ?? "";
        var profile = operators.Find(operatorId);
        if (profile is not null && !scope.CanSee(profile.Id))
        {
            return TypedResults.Problem($"You do not handle operator '{operatorId}'.", statusCode: StatusCodes.Status403Forbidden, title: "Operator not in your scope");
        }

        var errors = new Dictionary<string, string[]>();
        if (profile is null)
        {
            errors["operator"] = [$"Use one of {string.Join(", ", operators.All.Select(o => o.Id))}."];
        }
        if (!NoticeKinds.IsKind(request.Kind))
        {
            errors["kind"] = [$"Use {NoticeKinds.Maintenance} or {NoticeKinds.Incident}."];
        }
        var products = (request.Products ?? []).Select(p => p?.Trim().ToLowerInvariant() ?? "").Distinct().ToList();
        if (products.Count == 0 || (profile is not null && products.Any(p => !profile.Products.Contains(p, StringComparer.Ordinal))))
        {
            errors["products"] = [$"Name one or more products of the operator{(profile is null ? "" : $": {string.Join(", ", profile.Products)}")}."];
        }
        CheckText(errors, "messageFr", request.MessageFr, required: true);
        CheckText(errors, "messageEn", request.MessageEn, required: false);
        var now = board.Now;
        if (request.Kind == NoticeKinds.Maintenance)
        {
            if (request.StartsAt is null || request.EndsAt is null)
            {
                errors["endsAt"] = ["A maintenance needs its window: startsAt and endsAt."];
            }
            else if (request.EndsAt <= request.StartsAt || request.EndsAt <= now)
            {
                errors["endsAt"] = ["The window must end after it starts, and in the future."];
            }
        }
        else if (request.Kind == NoticeKinds.Incident && (request.EndsAt is not null || request.StartsAt > now))
        {
            errors["startsAt"] = ["An incident has started (startsAt in the past or omitted) and has no planned end: end it when it is resolved."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var notice = await desk.DeclareAsync(
            new DeclaredNotice(profile!.Id, request.Kind!, products, request.MessageFr!.Trim(), Blank(request.MessageEn), request.StartsAt, request.EndsAt), scope);
        audit.Record(user, "notice.declared", notice.TicketReference ?? notice.Id,
            $"{notice.Kind} {notice.Id} on {string.Join(", ", notice.Products)} from {notice.StartsAt:u}{(notice.EndsAt is { } end ? $" to {end:u}" : "")}", notice.OperatorId);
        return TypedResults.Created($"/api/notices/{notice.Id}", NoticeResponse.From(notice, board.Now));
    }

    internal static Ok<IReadOnlyList<SurgeSuggestion>> Suggestions(ClaimsPrincipal user, SurgeDetector detector) =>
        TypedResults.Ok(detector.Suggestions(user.Scope()));

    internal static async Task<Results<Created<NoticeResponse>, ValidationProblem, ProblemHttpResult>> DeclareSuggestionAsync(
        SurgeDeclareRequest request, ClaimsPrincipal user, IOperatorCatalog operators, ITicketService tickets, NoticeBoard board, NoticeDesk desk,
        AuditLog audit, CancellationToken cancellationToken)
    {
        var scope = user.Scope();
        var operatorId = request.Operator?.Trim().ToLowerInvariant() ?? "";
        if (operators.Find(operatorId) is not { } profile)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["operator"] = [$"Use one of {string.Join(", ", operators.All.Select(o => o.Id))}."] });
        }
        if (!scope.CanSee(profile.Id))
        {
            return TypedResults.Problem($"You do not handle operator '{operatorId}'.", statusCode: StatusCodes.Status403Forbidden, title: "Operator not in your scope");
        }

        var errors = new Dictionary<string, string[]>();
        var product = request.Product?.Trim().ToLowerInvariant() ?? "";
        if (!profile.Products.Contains(product, StringComparer.Ordinal))
        {
            errors["product"] = [$"Use one of {string.Join(", ", profile.Products)}."];
        }
        var references = (request.Tickets ?? []).Select(r => r?.Trim().ToUpperInvariant() ?? "").Distinct().ToList();
        var reports = references.Select(tickets.Find).ToList();
        var unusable = references.Where((r, i) => reports[i] is not { } t || t.OperatorId != profile.Id || !SurgeDetector.IsUnlinkedReport(t)).ToList();
        if (references.Count == 0 || references.Count > 500 || unusable.Count > 0)
        {
            errors["tickets"] = [unusable.Count > 0
                ? $"Not open, unlinked reports of {profile.Id}: {string.Join(", ", unusable)}."
                : "List between 1 and 500 ticket references."];
        }
        CheckText(errors, "messageFr", request.MessageFr, required: false);
        CheckText(errors, "messageEn", request.MessageEn, required: false);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var message = Blank(request.MessageFr) ?? reports[0]!.Title;
        var notice = await desk.DeclareAsync(new DeclaredNotice(profile.Id, NoticeKinds.Incident, [product], message, Blank(request.MessageEn), null, null), scope);
        var told = await desk.LinkAsync([.. reports.Select(t => t!)], notice, scope, cancellationToken);
        audit.Record(user, "notice.declared", notice.TicketReference,
            $"incident {notice.Id} on {product} from a surge of {references.Count} reports ({string.Join(", ", references)}); {told} requesters told", profile.Id);
        var linked = desk.Linked(notice.TicketReference!).Select(t => t.Reference).ToList();
        return TypedResults.Created($"/api/notices/{notice.Id}", NoticeResponse.From(notice, board.Now, linked, told));
    }

    internal static async Task<Results<Ok<NoticeResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string id, NoticeTextRequest request, ClaimsPrincipal user, NoticeBoard board, NoticeDesk desk, AuditLog audit, CancellationToken cancellationToken)
    {
        var scope = user.Scope();
        if (board.Find(id) is not { } found || !scope.CanSee(found.OperatorId))
        {
            return NotFound(id);
        }
        if (found.EndedAt is not null)
        {
            return Ended(id);
        }
        var errors = new Dictionary<string, string[]>();
        CheckText(errors, "textFr", request.TextFr, required: true);
        CheckText(errors, "textEn", request.TextEn, required: false);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var result = await desk.PostUpdateAsync(id, request.TextFr!.Trim(), Blank(request.TextEn), scope, cancellationToken);
        if (result is not { } done)
        {
            return NotFound(id);
        }
        audit.Record(user, "notice.updated", done.Notice.TicketReference ?? id, $"{done.Notice.Kind} {id}: update {done.Notice.Updates.Count} told to {done.Told} linked requesters", done.Notice.OperatorId);
        return TypedResults.Ok(NoticeResponse.From(done.Notice, board.Now, told: done.Told));
    }

    internal static async Task<Results<Ok<NoticeResponse>, ValidationProblem, ProblemHttpResult>> EndAsync(
        string id, NoticeTextRequest? request, ClaimsPrincipal user, NoticeBoard board, NoticeDesk desk, AuditLog audit, CancellationToken cancellationToken)
    {
        var scope = user.Scope();
        if (board.Find(id) is not { } found || !scope.CanSee(found.OperatorId))
        {
            return NotFound(id);
        }
        var errors = new Dictionary<string, string[]>();
        CheckText(errors, "textFr", request?.TextFr, required: found.Kind == NoticeKinds.Incident);
        CheckText(errors, "textEn", request?.TextEn, required: false);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var result = await desk.EndAsync(id, Blank(request?.TextFr), Blank(request?.TextEn), scope, cancellationToken);
        if (result is not { } done)
        {
            return NotFound(id);
        }
        if (done.Told < 0)
        {
            return Ended(id);
        }
        audit.Record(user, "notice.ended", done.Notice.TicketReference ?? id, $"{done.Notice.Kind} {id} ended; {done.Told} linked requesters told", done.Notice.OperatorId);
        return TypedResults.Ok(NoticeResponse.From(done.Notice, board.Now, told: done.Told));
    }

    private static void CheckText(Dictionary<string, string[]> errors, string field, string? text, bool required)
    {
        var length = text?.Trim().Length ?? 0;
        if ((required && length == 0) || length > NoticeDesk.MaxMessageLength)
        {
            errors[field] = [$"Write {(required ? "between 1 and" : "at most")} {NoticeDesk.MaxMessageLength} characters."];
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem($"No notice '{id}' among your operators.", statusCode: StatusCodes.Status404NotFound, title: "Notice not found");

    private static ProblemHttpResult Ended(string id) =>
        TypedResults.Problem($"The notice '{id}' has ended.", statusCode: StatusCodes.Status409Conflict, title: "Notice ended");
}
