using System.Threading.RateLimiting;
using Assistant.Bot.Hosting;
using Assistant.Ticketing.Operators;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.WebChat;

public static class WebChatServices
{
    public static IServiceCollection AddWebChat(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebChatOptions>()
            .Bind(configuration.GetSection(WebChatOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<VisitorIdentity>();

        // Keys live with the data so visitor cookies survive a restart.
        var dataDirectory = configuration[$"{AssistantOptions.SectionName}:DataDirectory"] ?? "data";
        services.AddDataProtection()
            .SetApplicationName("SupportAssistant")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(Path.GetFullPath(dataDirectory), "keys")));

        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(WebChatTokenEndpoint.RateLimitPolicy, context =>
            {
                var perMinute = context.RequestServices.GetRequiredService<IOptions<WebChatOptions>>().Value.TokenRequestsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "local",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1) });
            });
        });
        return services;
    }

    public static WebApplication MapWebChat(this WebApplication app)
    {
        app.UseRateLimiter();
        app.UseStaticFiles();

        app.MapPost("/api/directline/token", WebChatTokenEndpoint.IssueAsync)
            .WithTags("WebChat")
            .RequireRateLimiting(WebChatTokenEndpoint.RateLimitPolicy)
            .DisableAntiforgery();

        app.MapGet("/", (IOperatorCatalog operators, IOptions<AssistantOptions> assistant, IConfiguration configuration) =>
            Page(operators.Find(assistant.Value.DefaultOperator), configuration)).ExcludeFromDescription();
        app.MapGet("/{operatorId:regex(^[a-z0-9-]+$)}", (string operatorId, IOperatorCatalog operators, IConfiguration configuration) =>
            Page(operators.Find(operatorId), configuration)).ExcludeFromDescription();
        return app;
    }

    private static IResult Page(OperatorProfile? operatorProfile, IConfiguration configuration)
    {
        if (operatorProfile is null)
        {
            return Results.NotFound();
        }

        return new PageResult(WebChatPage.Render(operatorProfile), FrameAncestors(configuration));
    }

    /// <summary>Only our own pages and the configured customer sites may frame the chat (see embed.js).</summary>
    private static string FrameAncestors(IConfiguration configuration)
    {
        var origins = configuration.GetSection("Assistant:AllowedOrigins").Get<string[]>() ?? [];
        return string.Join(' ', ["'self'", .. origins]);
    }

    private sealed class PageResult(string html, string frameAncestors) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.ContentSecurityPolicy = $"frame-ancestors {frameAncestors}";
            httpContext.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.Content(html, "text/html; charset=utf-8").ExecuteAsync(httpContext);
        }
    }
}
