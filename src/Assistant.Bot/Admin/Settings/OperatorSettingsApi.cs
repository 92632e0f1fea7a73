using System.Globalization;
using System.Security.Claims;
using Assistant.Bot.Admin.Audit;
using Assistant.Bot.Auth;
using Assistant.Ticketing.Operators;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assistant.Bot.Admin.Settings;

/// <param name="Day">An English weekday name, e.g. <c>Monday</c>.</param>
/// <param name="Opens"><c>HH:mm</c> or <c>HH:mm:ss</c>, in the operator's time zone.</param>
public sealed record OpenDayRequest(string? Day, string? Opens, string? Closes);

/// <summary>A field left out keeps its current value. <paramref name="BusinessHours"/> lists the open days; a day not listed is closed.</summary>
public sealed record OperatorSettingsRequest(IReadOnlyList<OpenDayRequest>? BusinessHours, string? Holidays, string? CguVersion, string? CguUrl, string? Reason);

public sealed record SettingsResetRequest(string? Reason);

/// <summary>
/// Run-time edits of one operator: business hours, holidays, CGU version and link. Served at once (SLA due dates,
/// handoff opening times, consent: a new CGU version is asked again), saved in <c>tickets.db</c>, audited.
/// </summary>
public static class OperatorSettingsApi
{
    private static readonly string[] TimeFormats = ["HH:mm", "HH:mm:ss"];

    public static RouteGroupBuilder MapOperatorSettingsApi(this RouteGroupBuilder settings)
    {
        settings.MapPut("/operators/{operatorId}", Update)
            .WithSummary("Changes an operator's business hours, holidays or CGU (with a reason); served at once and kept across restarts");
        settings.MapPost("/operators/{operatorId}/reset", Reset)
            .WithSummary("Forgets the console's edit of an operator (with a reason): configuration is served again");
        return settings;
    }

    internal static Results<Ok<OperatorSettingsResponse>, NotFound, ValidationProblem> Update(
        string operatorId, OperatorSettingsRequest request, ClaimsPrincipal user, OperatorSettings settings, AuditLog audit)
    {
        if (settings.Catalog.Find(operatorId) is null)
        {
            return TypedResults.NotFound();
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var hours = request.BusinessHours is null ? null : ParseHours(request.BusinessHours, errors);
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            errors["reason"] = ["Say why the operator's settings change."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var result = settings.Apply(
            operatorId,
            current => new OperatorEdit(hours ?? current.BusinessHours, request.Holidays ?? current.Holidays, request.CguVersion ?? current.CguVersion, request.CguUrl ?? current.CguUrl),
            AuditActors.Staff(user.Scope().StaffId));
        if (result is null)
        {
            return TypedResults.NotFound();
        }

        if (!result.Succeeded)
        {
            return TypedResults.ValidationProblem(result.Errors
                .GroupBy(e => e.Field, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal));
        }

        audit.Record(user, "settings.operator", result.After!.Id, $"{Changes(result.Before!, result.After)}: {request.Reason!.Trim()}", result.After.Id);
        return TypedResults.Ok(SettingsApi.Response(result.After, OperatorSources.Console));
    }

    internal static Results<Ok<OperatorSettingsResponse>, NotFound, ValidationProblem> Reset(
        string operatorId, SettingsResetRequest request, ClaimsPrincipal user, OperatorSettings settings, AuditLog audit)
    {
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["Say why the operator goes back to its configuration."] });
        }

        var result = settings.Reset(operatorId);
        if (result is null)
        {
            return TypedResults.NotFound();
        }

        audit.Record(user, "settings.operator.reset", result.After!.Id, $"{Changes(result.Before!, result.After)}: {request.Reason.Trim()}", result.After.Id);
        return TypedResults.Ok(SettingsApi.Response(result.After, OperatorSources.Configuration));
    }

    private static List<BusinessDay> ParseHours(IReadOnlyList<OpenDayRequest> days, Dictionary<string, string[]> errors)
    {
        var parsed = new List<BusinessDay>();
        var problems = new List<string>();
        foreach (var day in days)
        {
            if (day is null)
            {
                // [null] in the JSON list (found by the fuzz test): a 400, not a NullReferenceException.
                problems.Add("An open day is empty: give its day, opening and closing times.");
                continue;
            }

            // Names only: Enum.TryParse would also take "7" or "Monday, Friday".
            var name = Enum.GetNames<DayOfWeek>().FirstOrDefault(n => string.Equals(n, day.Day?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (name is null)
            {
                problems.Add($"'{day.Day}' is not a day of the week (Monday … Sunday).");
                continue;
            }

            if (!TimeOnly.TryParseExact(day.Opens?.Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var opens)
                || !TimeOnly.TryParseExact(day.Closes?.Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var closes))
            {
                problems.Add($"On {name} the opening and closing times must be given as HH:mm.");
                continue;
            }

            parsed.Add(new BusinessDay { Day = Enum.Parse<DayOfWeek>(name), Opens = opens, Closes = closes });
        }

        if (problems.Count > 0)
        {
            errors["businessHours"] = [.. problems];
        }

        return parsed;
    }

    /// <summary>What changed, old → new, e.g. <c>cguVersion 2026-01 → 2026-02; holidays FR → none</c>.</summary>
    private static string Changes(OperatorProfile before, OperatorProfile after) =>
        new SettingChanges()
            .Add("businessHours", Hours(before), Hours(after))
            .Add("holidays", before.Holidays, after.Holidays)
            .Add("cguVersion", before.CguVersion, after.CguVersion)
            .Add("cguUrl", before.CguUrl, after.CguUrl)
            .ToString();

    private static string Hours(OperatorProfile profile) =>
        string.Join(", ", profile.BusinessHours.Select(h => $"{h.Day.ToString()[..3]} {SettingsApi.Time(h.Opens)}–{SettingsApi.Time(h.Closes)}"));
}
