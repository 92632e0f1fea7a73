using System.Globalization;
using Assistant.Bot.SemanticKernel;
using Assistant.Moderation.Serving;
using Assistant.Ticketing.Operators;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assistant.Bot.Admin.Settings;

public sealed record BusinessHoursResponse(string Day, string Opens, string Closes);

/// <param name="Source"><c>configuration</c>, or <c>console</c> when an admin's saved edit is served.</param>
public sealed record OperatorSettingsResponse(
    string Id, string Name, string CguVersion, string CguUrl, string TimeZone, IReadOnlyList<BusinessHoursResponse> BusinessHours, string Holidays,
    IReadOnlyList<string> Products, string Source);

/// <param name="ApiKeySet">Whether a key is set; the key itself is never returned.</param>
/// <param name="Source"><c>configuration</c>, or <c>console</c> when an admin's saved settings are served.</param>
public sealed record LlmSettingsResponse(bool Enabled, string? Endpoint, string Model, bool ApiKeySet, double TimeoutSeconds, string Source);

public sealed record SettingsResponse(IReadOnlyList<OperatorSettingsResponse> Operators, LlmSettingsResponse Llm, string? ModelVersion);

/// <summary>
/// <c>/api/admin/settings</c>: what the operators and the assistant run with, and the run-time edits of operators
/// (<see cref="OperatorSettingsApi"/>) and of the LLM endpoint (<see cref="LlmSettingsApi"/>). Console edits win over
/// configuration until reset. The LLM API key is never returned, only whether it is set.
/// </summary>
public static class SettingsApi
{
    public static RouteGroupBuilder MapSettingsApi(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/settings").WithTags("Admin: settings");
        group.MapGet("/", Get)
            .WithSummary("Operators (CGU, business hours, holidays, source), the LLM endpoint (key: set or not) and the served model version");
        group.MapOperatorSettingsApi();
        group.MapLlmSettingsApi();
        return admin;
    }

    internal static Ok<SettingsResponse> Get(IOperatorCatalog operators, OperatorSettings operatorSettings, LlmEndpoint llm, LlmSettingsStore llmStore, IModelCatalog models) =>
        TypedResults.Ok(new SettingsResponse(
            operators.All.Select(o => Response(o, operatorSettings.SourceOf(o.Id))).ToList(),
            Response(llm.Current.Settings, llmStore.HasSaved),
            models.CurrentVersion));

    internal static OperatorSettingsResponse Response(OperatorProfile o, string source) => new(
        o.Id, o.Name, o.CguVersion, o.CguUrl, o.TimeZone,
        o.BusinessHours.Select(h => new BusinessHoursResponse(h.Day.ToString(), Time(h.Opens), Time(h.Closes))).ToList(),
        o.Holidays, o.Products, source);

    internal static LlmSettingsResponse Response(LlmSettings settings, bool saved) =>
        new(settings.Enabled, settings.Endpoint, settings.Model, settings.ApiKey is not null, settings.Timeout.TotalSeconds,
            saved ? OperatorSources.Console : OperatorSources.Configuration);

    /// <summary><c>09:00</c>, or <c>23:59:59</c> when the seconds matter.</summary>
    internal static string Time(TimeOnly time) =>
        time.ToString(time.Second == 0 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture);
}
