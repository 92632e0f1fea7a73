using System.Security.Claims;
using Assistant.Bot.Admin.Audit;
using Assistant.Bot.Auth;
using Assistant.Bot.SemanticKernel;
using Assistant.Ticketing.Operators;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assistant.Bot.Admin.Templates;

public sealed record TemplateSummary(string Key, string Language, int Version, DateTimeOffset? SavedAt, string? SavedByName);

public sealed record TemplateVersionResponse(int Version, string Text, string SavedBy, string? SavedByName, DateTimeOffset SavedAt, string Reason, int? RestoredFrom)
{
    public static TemplateVersionResponse From(TemplateVersion version) => new(
        version.Version, version.Text, version.SavedBy, version.SavedByName,
        new DateTimeOffset(DateTime.SpecifyKind(version.SavedAt, DateTimeKind.Utc)), version.Reason, version.RestoredFrom);
}

/// <param name="Version">The version served; 0 is the shipped file.</param>
public sealed record TemplateResponse(string Key, string Language, int Version, string Text, string ShippedText, IReadOnlyList<string> Variables, IReadOnlyList<TemplateVersionResponse> History);

/// <param name="Values">Values for the sample turn; missing ones take sample values.</param>
public sealed record TemplatePreviewRequest(string? Text, string? OperatorId, Dictionary<string, string?>? Values);

public sealed record TemplatePreviewResponse(string Rendered, IReadOnlyDictionary<string, string?> Values);

public sealed record TemplateSaveRequest(string? Text, string? Reason);

/// <param name="Version">The version whose text comes back; 0 for the shipped file.</param>
public sealed record TemplateRollbackRequest(int Version, string? Reason);

/// <summary>
/// Reply templates for admins: list, view with history, preview against a sample turn, save a new version,
/// roll back. A text that does not parse or render is refused with the reason and never saved.
/// </summary>
public static class TemplatesApi
{
    public const int MaxTextLength = 4000;

    public static RouteGroupBuilder MapTemplatesApi(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/templates").WithTags("Admin: templates");
        group.MapGet("/", List).WithSummary("Every reply template and language, with the version served (0: the shipped file)");
        group.MapGet("/{key}/{language}", Get).WithSummary("A template's text in use, the shipped text, its variables and its saved versions");
        group.MapPost("/{key}/{language}/preview", PreviewAsync).WithSummary("Renders a candidate text against a sample turn; 400 with the reason when it is broken");
        group.MapPut("/{key}/{language}", SaveAsync).WithSummary("Saves a new version (with a reason), served from the next turn");
        group.MapPost("/{key}/{language}/rollback", Rollback).WithSummary("Serves an earlier version's text again, as a new version");
        return admin;
    }

    internal static Ok<List<TemplateSummary>> List(ReplyTemplates replies, TemplateVersions versions)
    {
        var latest = versions.Latest().ToDictionary(v => v.Template, StringComparer.Ordinal);
        return TypedResults.Ok(replies.Files.Order(StringComparer.Ordinal).Select(name =>
        {
            var slash = name.LastIndexOf('/');
            var saved = latest.GetValueOrDefault(name);
            return new TemplateSummary(name[..slash], name[(slash + 1)..], saved?.Version ?? 0,
                saved is null ? null : new DateTimeOffset(DateTime.SpecifyKind(saved.SavedAt, DateTimeKind.Utc)), saved?.SavedByName);
        }).ToList());
    }

    internal static Results<Ok<TemplateResponse>, NotFound> Get(string key, string language, ReplyTemplates replies, TemplateVersions versions)
    {
        if (replies.FileText(key, language) is not { } shipped)
        {
            return TypedResults.NotFound();
        }

        var history = versions.History(key, language);
        var text = replies.CurrentText(key, language) ?? shipped;
        return TypedResults.Ok(new TemplateResponse(key, language, history.FirstOrDefault()?.Version ?? 0, text, shipped,
            TemplateSamples.VariablesOf(shipped + "\n" + text), history.Select(TemplateVersionResponse.From).ToList()));
    }

    internal static async Task<Results<Ok<TemplatePreviewResponse>, NotFound, ValidationProblem>> PreviewAsync(
        string key, string language, TemplatePreviewRequest request, ReplyTemplates replies, IOperatorCatalog operators, CancellationToken cancellationToken)
    {
        if (replies.FileText(key, language) is null)
        {
            return TypedResults.NotFound();
        }

        var values = SampleValues(request.OperatorId, request.Values, operators);
        var (rendered, error) = await CheckAsync(request.Text, values, replies, cancellationToken);
        return error is not null
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = [error] })
            : TypedResults.Ok(new TemplatePreviewResponse(rendered!, values));
    }

    internal static async Task<Results<Ok<TemplateVersionResponse>, NotFound, ValidationProblem>> SaveAsync(
        string key, string language, TemplateSaveRequest request, ClaimsPrincipal user,
        ReplyTemplates replies, TemplateVersions versions, IOperatorCatalog operators, AuditLog audit, CancellationToken cancellationToken)
    {
        if (replies.FileText(key, language) is null)
        {
            return TypedResults.NotFound();
        }

        var (_, error) = await CheckAsync(request.Text, SampleValues(null, null, operators), replies, cancellationToken);
        if (error is not null || string.IsNullOrWhiteSpace(request.Reason))
        {
            var errors = new Dictionary<string, string[]>();
            if (error is not null)
            {
                errors["text"] = [error];
            }

            if (string.IsNullOrWhiteSpace(request.Reason))
            {
                errors["reason"] = ["Say why the template changes."];
            }

            return TypedResults.ValidationProblem(errors);
        }

        return Save(key, language, request.Text!, request.Reason!.Trim(), null, user, replies, versions, audit);
    }

    internal static Results<Ok<TemplateVersionResponse>, NotFound, ValidationProblem> Rollback(
        string key, string language, TemplateRollbackRequest request, ClaimsPrincipal user, ReplyTemplates replies, TemplateVersions versions, AuditLog audit)
    {
        if (replies.FileText(key, language) is not { } shipped)
        {
            return TypedResults.NotFound();
        }

        var text = request.Version == 0 ? shipped : versions.Find(key, language, request.Version)?.Text;
        if (text is null)
        {
            return TypedResults.NotFound();
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["Say why the template is rolled back."] });
        }

        return Save(key, language, text, request.Reason.Trim(), request.Version, user, replies, versions, audit);
    }

    private static Results<Ok<TemplateVersionResponse>, NotFound, ValidationProblem> Save(
        string key, string language, string text, string reason, int? restoredFrom, ClaimsPrincipal user, ReplyTemplates replies, TemplateVersions versions, AuditLog audit)
    {
        // Served first, stored second: a text the engine refuses is never stored.
        if (replies.Use(key, language, text) is { } error)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = [error] });
        }

        var scope = user.Scope();
        var saved = versions.Add(key, language, text, AuditActors.Staff(scope.StaffId), scope.DisplayName, reason, restoredFrom);
        var name = TemplateVersions.Name(key, language);
        audit.Record(user, restoredFrom is null ? "template.save" : "template.rollback", name,
            restoredFrom is null ? $"version {saved.Version}: {reason}" : $"version {saved.Version} restores version {restoredFrom}: {reason}");
        return TypedResults.Ok(TemplateVersionResponse.From(saved));
    }

    private static async Task<(string? Rendered, string? Error)> CheckAsync(
        string? text, IReadOnlyDictionary<string, string?> values, ReplyTemplates replies, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, "The template text is empty.");
        }

        if (text.Length > MaxTextLength)
        {
            return (null, $"The template has {text.Length} characters; at most {MaxTextLength} are accepted.");
        }

        return await replies.TryRenderAsync(text, values, cancellationToken);
    }

    private static Dictionary<string, string?> SampleValues(string? operatorId, Dictionary<string, string?>? values, IOperatorCatalog operators)
    {
        var profile = (operatorId is null ? null : operators.Find(operatorId)) ?? operators.All.FirstOrDefault();
        var sample = TemplateSamples.Values(profile?.Name ?? "Digisense");
        foreach (var (name, value) in values ?? [])
        {
            sample[name] = value;
        }

        return sample;
    }
}
