using System.Globalization;
using System.Security.Claims;
using Assistant.Bot.Admin.Audit;
using Assistant.Bot.Auth;
using Assistant.Bot.Handoff;
using Assistant.Ticketing.Operators;
using Assistant.Ticketing.Reports;
using Assistant.Ticketing.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Assistant.Bot.Reports;

/// <summary>
/// The team's reports: tickets opened and resolved per day and per field, SLA attainment, handoff waits and
/// moderation decisions, incidents, for admins (every operator) and agents (their operators); and the period's tickets as CSV.
/// </summary>
public static class ReportsApi
{
    /// <summary>The period when none is given: the last 30 days, today included.</summary>
    public const int DefaultDays = 30;

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reports")
            .WithTags("Reports")
            .RequireAuthorization(StaffAuthSetup.AgentPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", Report).WithSummary("Figures of a period (from, to: yyyy-MM-dd, UTC days, to included; operator): tickets per day and field, SLA, handoffs, moderation, incidents");
        group.MapGet("/tickets.csv", Csv).WithSummary("The tickets opened in the period, one line each (no requester data, no text)")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");

        app.MapStaffPage("/reports", "reports/index.html");
        return app;
    }

    internal static Results<Ok<ReportResponse>, ValidationProblem, ProblemHttpResult> Report(
        ClaimsPrincipal user,
        TicketReports reports,
        IncidentReports incidents,
        HandoffStore handoffs,
        AuditLog audit,
        IOperatorCatalog operators,
        TimeProvider time,
        string? from,
        string? to,
        [FromQuery(Name = "operator")] string? operatorId)
    {
        var (period, invalid, forbidden) = Period(user, operators, time, from, to, operatorId);
        if (invalid is not null)
        {
            return invalid;
        }

        if (forbidden is not null)
        {
            return forbidden;
        }

        var (first, last, operatorIds) = period!.Value;
        TicketFigures tickets;
        IncidentFigures incidentFigures;
        try
        {
            tickets = reports.Build(operatorIds, first, last);
            incidentFigures = incidents.Build(operatorIds, first, last);
        }
        catch (InvalidTicketValueException ex)
        {
            return Invalid(ex.Field, ex.Message);
        }

        var start = first.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = last.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var handed = handoffs.RequestedBetween(start, end)
            .Where(h => operatorIds is null || operatorIds.Contains(h.OperatorId, StringComparer.OrdinalIgnoreCase))
            .ToList();
        var waits = handed.Where(h => h.AcceptedAt is not null).Select(h => (h.AcceptedAt!.Value - h.RequestedAt).TotalMinutes).ToList();
        var moderation = audit.ModerationCounts(operatorIds, new DateTimeOffset(start), new DateTimeOffset(end))
            .Select(c => new ModerationCount(c.Label, c.Action, c.Count))
            .ToList();
        return TypedResults.Ok(new ReportResponse(
            first,
            last,
            operatorIds is null ? [.. operators.All.Select(o => o.Id)] : [.. operatorIds],
            tickets,
            new HandoffFigures(handed.Count, waits.Count, TicketReports.Median(waits), waits.Count == 0 ? null : Math.Round(waits.Max(), 1)),
            moderation,
            incidentFigures));
    }

    internal static Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult> Csv(
        ClaimsPrincipal user,
        TicketReports reports,
        IOperatorCatalog operators,
        TimeProvider time,
        string? from,
        string? to,
        [FromQuery(Name = "operator")] string? operatorId)
    {
        var (period, invalid, forbidden) = Period(user, operators, time, from, to, operatorId);
        if (invalid is not null)
        {
            return invalid;
        }

        if (forbidden is not null)
        {
            return forbidden;
        }

        var (first, last, operatorIds) = period!.Value;
        try
        {
            var csv = ReportCsv.Write(reports.Rows(operatorIds, first, last));
            var name = string.Create(CultureInfo.InvariantCulture, $"tickets-{first:yyyy-MM-dd}-{last:yyyy-MM-dd}.csv");
            return TypedResults.File(csv, "text/csv; charset=utf-8", name);
        }
        catch (InvalidTicketValueException ex)
        {
            return Invalid(ex.Field, ex.Message);
        }
    }

    /// <summary>The days and operators a request asks for, or the error to answer with.</summary>
    private static ((DateOnly First, DateOnly Last, IReadOnlyCollection<string>? OperatorIds)? Period, ValidationProblem? Invalid, ProblemHttpResult? Forbidden) Period(
        ClaimsPrincipal user, IOperatorCatalog operators, TimeProvider time, string? from, string? to, string? operatorId)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (!TryDay(to, today, out var last))
        {
            return (null, Invalid("to", "must be a date written yyyy-MM-dd"), null);
        }

        if (!TryDay(from, last.AddDays(1 - DefaultDays), out var first))
        {
            return (null, Invalid("from", "must be a date written yyyy-MM-dd"), null);
        }

        var scope = user.Scope();
        if (operatorId is not null)
        {
            if (operators.Find(operatorId) is null)
            {
                return (null, Invalid("operator", $"unknown operator; known: {string.Join(", ", operators.All.Select(o => o.Id))}"), null);
            }

            if (!scope.CanSee(operatorId))
            {
                return (null, null, TypedResults.Problem($"You do not handle the tickets of operator '{operatorId}'.", statusCode: StatusCodes.Status403Forbidden, title: "Operator not in your scope"));
            }

            return ((first, last, [operatorId]), null, null);
        }

        return ((first, last, scope.IsAdmin ? null : scope.OperatorIds), null, null);
    }

    private static bool TryDay(string? text, DateOnly fallback, out DateOnly day)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            day = fallback;
            return true;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "Invalid report period");
}
