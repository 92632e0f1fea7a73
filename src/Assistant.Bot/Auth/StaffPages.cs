namespace Assistant.Bot.Auth;

/// <summary>A staff page: public HTML that holds no data (its calls carry the staff token), never cached.</summary>
public static class StaffPages
{
    /// <param name="file">The page under wwwroot, e.g. <c>agent/index.html</c>.</param>
    public static RouteHandlerBuilder MapStaffPage(this IEndpointRouteBuilder app, string route, string file) =>
        app.MapGet(route, (IWebHostEnvironment environment, HttpContext http) =>
        {
            if (environment.WebRootFileProvider.GetFileInfo(file) is not { Exists: true, PhysicalPath: { } path })
            {
                return Results.NotFound();
            }

            // Never cached with someone's data; SecurityHeaders keeps it from being framed.
            http.Response.Headers.CacheControl = "no-store";
            return Results.File(path, "text/html; charset=utf-8");
        }).ExcludeFromDescription();
}
