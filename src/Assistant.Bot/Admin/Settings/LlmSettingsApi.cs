using System.Globalization;
using System.Security.Claims;
using Assistant.Bot.Admin.Audit;
using Assistant.Bot.Auth;
using Assistant.Bot.SemanticKernel;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assistant.Bot.Admin.Settings;

/// <summary>
/// A field left out keeps its current value. <paramref name="Endpoint"/> empty: the local interpreter only.
/// <paramref name="ApiKey"/> absent or empty keeps the current key; <paramref name="ClearApiKey"/> removes it.
/// </summary>
public sealed record LlmSettingsRequest(string? Endpoint, string? Model, double? TimeoutSeconds, string? ApiKey, bool? ClearApiKey, string? Reason);

/// <summary>
/// Run-time edit of the LLM endpoint: used from the next turn, saved in <c>admin.db</c> (the key encrypted with Data
/// Protection), audited without the key. The key is write-only: no answer carries it, only whether one is set.
/// </summary>
public static class LlmSettingsApi
{
    // One edit at a time, so what is saved and what is served always match and a field left out keeps its latest value.
    private static readonly Lock Gate = new();

    public static RouteGroupBuilder MapLlmSettingsApi(this RouteGroupBuilder settings)
    {
        settings.MapPut("/llm", Update)
            .WithSummary("Changes the LLM endpoint, model, timeout or key (with a reason); used from the next turn. The key is never returned");
        settings.MapPost("/llm/reset", Reset)
            .WithSummary("Forgets the console's LLM settings (with a reason): configuration is served again");
        return settings;
    }

    internal static Results<Ok<LlmSettingsResponse>, ValidationProblem> Update(
        LlmSettingsRequest request, ClaimsPrincipal user, LlmEndpoint llm, LlmSettingsStore store, AuditLog audit)
    {
        lock (Gate)
        {
            return UpdateLocked(request, user, llm, store, audit);
        }
    }

    private static Results<Ok<LlmSettingsResponse>, ValidationProblem> UpdateLocked(
        LlmSettingsRequest request, ClaimsPrincipal user, LlmEndpoint llm, LlmSettingsStore store, AuditLog audit)
    {
        var current = llm.Current.Settings;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var replacesKey = !string.IsNullOrEmpty(request.ApiKey);
        var clearsKey = request.ClearApiKey == true;
        if (replacesKey && clearsKey)
        {
            errors["apiKey"] = ["Give a new key or clear the key, not both."];
        }
        else if (replacesKey && (request.ApiKey!.Length > 1000 || request.ApiKey.Any(char.IsControl)))
        {
            errors["apiKey"] = ["The key must be one line of at most 1000 characters."];
        }

        var timeout = current.Timeout;
        if (request.TimeoutSeconds is { } seconds)
        {
            // Checked before converting: a huge number would overflow TimeSpan.
            if (double.IsFinite(seconds) && seconds >= LlmSettings.MinTimeout.TotalSeconds && seconds <= LlmSettings.MaxTimeout.TotalSeconds)
            {
                timeout = TimeSpan.FromSeconds(seconds);
            }
            else
            {
                errors["timeoutSeconds"] = [$"The timeout must be between {LlmSettings.MinTimeout.TotalSeconds:0} and {LlmSettings.MaxTimeout.TotalSeconds:0} seconds."];
            }
        }

        var proposed = new LlmSettings(
            request.Endpoint ?? current.Endpoint,
            request.Model ?? current.Model,
            clearsKey ? null : replacesKey ? request.ApiKey : current.ApiKey,
            timeout);
        foreach (var (field, message) in proposed.Validate())
        {
            errors.TryAdd(field, [message]);
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            errors["reason"] = ["Say why the LLM settings change."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        store.Save(proposed, AuditActors.Staff(user.Scope().StaffId));
        llm.Use(proposed);
        var keyChange = clearsKey ? "key removed" : replacesKey ? "key replaced" : "key kept";
        audit.Record(user, "settings.llm", "llm", $"{Changes(current, proposed)}; {keyChange}: {request.Reason!.Trim()}");
        return TypedResults.Ok(SettingsApi.Response(proposed, saved: true));
    }

    internal static Results<Ok<LlmSettingsResponse>, ValidationProblem> Reset(
        SettingsResetRequest request, ClaimsPrincipal user, LlmEndpoint llm, LlmSettingsStore store, AuditLog audit)
    {
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["Say why the LLM settings go back to configuration."] });
        }

        LlmSettings before;
        lock (Gate)
        {
            before = llm.Current.Settings;
            store.Delete();
            llm.Use(llm.Configured);
        }

        audit.Record(user, "settings.llm.reset", "llm", $"{Changes(before, llm.Configured)}: {request.Reason.Trim()}");
        return TypedResults.Ok(SettingsApi.Response(llm.Configured, saved: false));
    }

    /// <summary>What changed, old → new; the key only as set or not, never its text.</summary>
    private static string Changes(LlmSettings before, LlmSettings after) =>
        new SettingChanges()
            .Add("endpoint", before.Endpoint ?? "none", after.Endpoint ?? "none")
            .Add("model", before.Model, after.Model)
            .Add("timeout", Seconds(before.Timeout), Seconds(after.Timeout))
            .Add("key", before.ApiKey is null ? "not set" : "set", after.ApiKey is null ? "not set" : "set")
            .ToString();

    private static string Seconds(TimeSpan timeout) => string.Create(CultureInfo.InvariantCulture, $"{timeout.TotalSeconds:0.#} s");
}
