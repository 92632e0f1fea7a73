using Assistant.Bot.Auth;

namespace Assistant.Bot.Admin.Audit;

/// <summary>Marks endpoints that write their own, richer audit entry, so the generic one is not added too.</summary>
public sealed class AuditedByEndpoint
{
    public static readonly AuditedByEndpoint Instance = new();

    private AuditedByEndpoint()
    {
    }
}

/// <summary>
/// Audits every successful change a signed-in agent or admin makes through the API (POST, PUT, PATCH, DELETE
/// under <c>/api/</c>): ticket updates, comments, handoffs, replies, whatever feature adds them later, without
/// each feature having to remember. The entry names the route and its values, never the request body.
/// </summary>
public static class StaffActionAudit
{
    public static IApplicationBuilder UseStaffActionAudit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        await next(context);
        var request = context.Request;
        if (!IsChange(request.Method)
            || !request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            || context.User.Identity?.IsAuthenticated != true
            || context.Response.StatusCode >= 400
            || context.GetEndpoint() is not RouteEndpoint endpoint
            || endpoint.Metadata.GetMetadata<AuditedByEndpoint>() is not null)
        {
            return;
        }

        var scope = context.User.Scope();
        if (string.IsNullOrEmpty(scope.StaffId))
        {
            return; // a Direct Line user, not staff
        }

        var values = string.Join(", ", request.RouteValues.Select(v => $"{v.Key}={v.Value}"));
        var route = endpoint.RoutePattern.RawText ?? request.Path.Value ?? "";
        context.RequestServices.GetRequiredService<AuditLog>().Record(
            context.User,
            "http." + request.Method.ToUpperInvariant(),
            route,
            $"{request.Method} {request.Path} → {context.Response.StatusCode}{(values.Length > 0 ? $" ({values})" : "")}");
    });

    private static bool IsChange(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);
}
