using System.Globalization;
using System.Security.Claims;
using Assistant.Bot.Admin.Audit;
using Assistant.Bot.Auth;
using Assistant.Moderation.Thresholds;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assistant.Bot.Admin.Thresholds;

public sealed record LabelPolicyDto(float Threshold, string Action);

/// <param name="Strike">The abusive score from which a message counts a strike; refused messages under it are only declined.</param>
public sealed record ThresholdsResponse(LabelPolicyDto Abusive, LabelPolicyDto Offtopic, float Strike, IReadOnlyList<string> Actions);

/// <param name="Strike">Left out: unchanged.</param>
public sealed record ThresholdsUpdateRequest(LabelPolicyDto? Abusive, LabelPolicyDto? Offtopic, string? Reason, float? Strike = null);

/// <param name="Days">How many days of real traffic to replay; 30 by default.</param>
public sealed record ThresholdsPreviewRequest(LabelPolicyDto? Abusive, LabelPolicyDto? Offtopic, int? Days, float? Strike = null);

/// <summary>Moderation thresholds and actions per label: read, change (audited), and preview a change before making it.</summary>
public static class ThresholdsApi
{
    public const int MaxPreviewDays = 365;

    public static RouteGroupBuilder MapThresholdsApi(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/moderation/thresholds").WithTags("Admin: moderation");
        group.MapGet("/", (IModerationSettings settings) => TypedResults.Ok(Response(settings.Current)))
            .WithSummary("The thresholds and actions per label in use");
        group.MapPut("/", Update).WithSummary("Changes thresholds and actions (with a reason); applies to the next message");
        group.MapPost("/preview", Preview)
            .WithSummary("Precision, recall and false positives of proposed thresholds on the held-out set, and how many recent messages would change decision");
        return admin;
    }

    internal static Results<Ok<ThresholdsResponse>, ValidationProblem> Update(
        ThresholdsUpdateRequest request, ClaimsPrincipal user, IModerationSettings settings, AuditLog audit)
    {
        var (proposed, errors) = Parse(request.Abusive, request.Offtopic, request.Strike, settings.Current);
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            errors["reason"] = ["Say why the thresholds change."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var before = settings.Current;
        var scope = user.Scope();
        settings.Update(proposed, AuditActors.Staff(scope.StaffId));
        audit.Record(user, "thresholds.update", "moderation",
            $"{Describe(before)} → {Describe(proposed)}: {request.Reason!.Trim()}");
        return TypedResults.Ok(Response(proposed));
    }

    internal static Results<Ok<ThresholdPreviewResult>, ValidationProblem> Preview(
        ThresholdsPreviewRequest request, IModerationSettings settings, HeldOutScores heldOut, AuditLog audit, TimeProvider time)
    {
        var (proposed, errors) = Parse(request.Abusive, request.Offtopic, request.Strike, settings.Current);
        var days = request.Days ?? 30;
        if (days is < 1 or > MaxPreviewDays)
        {
            errors["days"] = [$"Days must be between 1 and {MaxPreviewDays}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var (version, rows) = heldOut.Get();
        var decisions = audit.ModerationDecisionsSince(time.GetUtcNow().AddDays(-days));
        return TypedResults.Ok(new ThresholdPreviewResult(
            ThresholdPreview.OnHeldOut(version, rows, settings.Current),
            ThresholdPreview.OnHeldOut(version, rows, proposed),
            ThresholdPreview.OnTraffic(days, decisions, proposed)));
    }

    private static ThresholdsResponse Response(ModerationThresholds thresholds) => new(
        new LabelPolicyDto(thresholds.Abusive.Threshold, thresholds.Abusive.Action),
        new LabelPolicyDto(thresholds.Offtopic.Threshold, thresholds.Offtopic.Action),
        thresholds.Strike,
        ModerationActions.All);

    /// <summary>A label or strike threshold left out keeps its current value.</summary>
    private static (ModerationThresholds Proposed, Dictionary<string, string[]> Errors) Parse(LabelPolicyDto? abusive, LabelPolicyDto? offtopic, float? strike, ModerationThresholds current)
    {
        var proposed = new ModerationThresholds(
            abusive is null ? current.Abusive : new LabelPolicy(abusive.Threshold, abusive.Action),
            offtopic is null ? current.Offtopic : new LabelPolicy(offtopic.Threshold, offtopic.Action))
        {
            Strike = strike ?? current.Strike,
        };
        var errors = proposed.Validate()
            .GroupBy(e => e.Split(':')[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        return (proposed, errors);
    }

    private static string Describe(ModerationThresholds t) => string.Create(CultureInfo.InvariantCulture,
        $"abusive {t.Abusive.Threshold:0.00}/{t.Abusive.Action}, strike from {t.Strike:0.00}, offtopic {t.Offtopic.Threshold:0.00}/{t.Offtopic.Action}");
}
