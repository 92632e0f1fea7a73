using Assistant.Bot.SemanticKernel;
using Assistant.Moderation.Serving;
using Assistant.Ticketing.Operators;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Admin.Settings;

public sealed record BusinessHoursResponse(string Day, string Opens, string Closes);

public sealed record OperatorSettingsResponse(
    string Id, string Name, string CguVersion, string CguUrl, string TimeZone, IReadOnlyList<BusinessHoursResponse> BusinessHours, string Holidays, IReadOnlyList<string> Products);

/// <param name="ApiKeySet">Whether a key is configured; the key itself is never returned.</param>
public sealed record LlmSettingsResponse(bool Enabled, string? Endpoint, string Model, bool ApiKeySet, double TimeoutSeconds);

public sealed record SettingsResponse(IReadOnlyList<OperatorSettingsResponse> Operators, LlmSettingsResponse Llm, string? ModelVersion);

/// <summary>
/// <c>GET /api/admin/settings</c>: what the operators and the assistant run with (read-only: these come from
/// configuration and change with a restart). The LLM API key is never returned, only whether it is set.
/// </summary>
public static class SettingsApi
{
    public static RouteGroupBuilder MapSettingsApi(this RouteGroupBuilder admin)
    {
        admin.MapGet("/settings", Get)
            .WithTags("Admin: settings")
            .WithSummary("Operators (CGU version, business hours), the LLM endpoint (key: set or not) and the served model version");
        return admin;
    }

    internal static Ok<SettingsResponse> Get(IOperatorCatalog operators, IOptions<LlmOptions> llm, IModelCatalog models)
    {
        var options = llm.Value;
        return TypedResults.Ok(new SettingsResponse(
            operators.All.Select(o => new OperatorSettingsResponse(
                o.Id, o.Name, o.CguVersion, o.CguUrl, o.TimeZone,
                o.BusinessHours.Select(h => new BusinessHoursResponse(h.Day.ToString(), h.Opens.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), h.Closes.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture))).ToList(),
                o.Holidays, o.Products)).ToList(),
            new LlmSettingsResponse(options.Enabled, options.Endpoint, options.Model, !string.IsNullOrEmpty(options.ApiKey), options.Timeout.TotalSeconds),
            models.CurrentVersion));
    }
}
