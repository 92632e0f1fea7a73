using System.Security.Claims;
using Assistant.Bot.Admin.Audit;
using Assistant.Bot.Auth;
using Assistant.Bot.SemanticKernel;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assistant.Bot.Admin.Templates;

/// <summary>
/// The LLM interpreter's prompt, edited like a reply template (same shapes, same version store under
/// <see cref="Key"/>/<see cref="Language"/>): view, preview, save, roll back. Used from the next message on when
/// an LLM is configured.
/// </summary>
public static class InterpretPromptApi
{
    public const string Key = "Intake/Interpret";
    public const string Language = "skprompt";

    public static RouteGroupBuilder MapInterpretPromptApi(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/prompts/interpret").WithTags("Admin: templates");
        group.MapGet("/", Get).WithSummary("The LLM interpreter's prompt in use, the shipped one, its variables and saved versions");
        group.MapPost("/preview", PreviewAsync).WithSummary("Renders a candidate prompt with a sample message; 400 with the reason when it is broken");
        group.MapPut("/", SaveAsync).WithSummary("Saves a new version of the prompt (with a reason)");
        group.MapPost("/rollback", Rollback).WithSummary("Serves an earlier version again; 0 is the shipped file");
        return admin;
    }

    internal static Ok<TemplateResponse> Get(InterpretPrompt prompt, TemplateVersions versions)
    {
        var history = versions.History(Key, Language);
        return TypedResults.Ok(new TemplateResponse(Key, Language, history.FirstOrDefault()?.Version ?? 0, prompt.CurrentText, prompt.ShippedText,
            TemplateSamples.VariablesOf(prompt.ShippedText + "\n" + prompt.CurrentText), history.Select(TemplateVersionResponse.From).ToList()));
    }

    internal static async Task<Results<Ok<TemplatePreviewResponse>, ValidationProblem>> PreviewAsync(
        TemplatePreviewRequest request, InterpretPrompt prompt, CancellationToken cancellationToken)
    {
        var values = Sample(request.Values);
        var (rendered, error) = await CheckAsync(request.Text, values, prompt, cancellationToken);
        return error is not null
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = [error] })
            : TypedResults.Ok(new TemplatePreviewResponse(rendered!, values));
    }

    internal static async Task<Results<Ok<TemplateVersionResponse>, ValidationProblem, NotFound>> SaveAsync(
        TemplateSaveRequest request, ClaimsPrincipal user, InterpretPrompt prompt, TemplateVersions versions, AuditLog audit, CancellationToken cancellationToken)
    {
        var (_, error) = await CheckAsync(request.Text, Sample(null), prompt, cancellationToken);
        var errors = new Dictionary<string, string[]>();
        if (error is not null)
        {
            errors["text"] = [error];
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            errors["reason"] = ["Say why the prompt changes."];
        }

        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors)
            : Save(request.Text!, request.Reason!.Trim(), null, user, prompt, versions, audit);
    }

    internal static Results<Ok<TemplateVersionResponse>, ValidationProblem, NotFound> Rollback(
        TemplateRollbackRequest request, ClaimsPrincipal user, InterpretPrompt prompt, TemplateVersions versions, AuditLog audit)
    {
        var text = request.Version == 0 ? prompt.ShippedText : versions.Find(Key, Language, request.Version)?.Text;
        if (text is null)
        {
            return TypedResults.NotFound();
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["Say why the prompt is rolled back."] });
        }

        return Save(text, request.Reason.Trim(), request.Version, user, prompt, versions, audit);
    }

    private static Results<Ok<TemplateVersionResponse>, ValidationProblem, NotFound> Save(
        string text, string reason, int? restoredFrom, ClaimsPrincipal user, InterpretPrompt prompt, TemplateVersions versions, AuditLog audit)
    {
        if (prompt.Use(text) is { } error)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = [error] });
        }

        var scope = user.Scope();
        var saved = versions.Add(Key, Language, text, AuditActors.Staff(scope.StaffId), scope.DisplayName, reason, restoredFrom);
        audit.Record(user, restoredFrom is null ? "prompt.save" : "prompt.rollback", TemplateVersions.Name(Key, Language),
            restoredFrom is null ? $"version {saved.Version}: {reason}" : $"version {saved.Version} restores version {restoredFrom}: {reason}");
        return TypedResults.Ok(TemplateVersionResponse.From(saved));
    }

    private static async Task<(string? Rendered, string? Error)> CheckAsync(
        string? text, IReadOnlyDictionary<string, string?> values, InterpretPrompt prompt, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, "The prompt is empty.");
        }

        if (text.Length > 4 * TemplatesApi.MaxTextLength)
        {
            return (null, $"The prompt has {text.Length} characters; at most {4 * TemplatesApi.MaxTextLength} are accepted.");
        }

        return await prompt.TryRenderAsync(text, values, cancellationToken);
    }

    private static Dictionary<string, string?> Sample(Dictionary<string, string?>? values)
    {
        var sample = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["message"] = "Bonjour, je suis Marie Dupont, ma Ibox ne synchronise plus depuis ce matin.",
            ["pendingSlot"] = "description",
            ["language"] = "fr",
            ["operator"] = "Digisense",
        };
        foreach (var (name, value) in values ?? [])
        {
            sample[name] = value;
        }

        return sample;
    }
}
