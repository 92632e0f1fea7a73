using System.Threading.RateLimiting;
using Assistant.Bot.Hosting;
using Assistant.Bot.Security;
using Assistant.Ticketing.Operators;
using Assistant.Ticketing.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Npgsql;
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

        // Keys live with the data so visitor cookies survive a restart: in the data directory, or in the database every
        // instance shares when the storage is PostgreSQL.
        var protection = services.AddDataProtection().SetApplicationName("SupportAssistant");
        if (StorageProviderOptions.PostgresChosen(configuration))
        {
            services.AddOptions<KeyManagementOptions>()
                .Configure<NpgsqlDataSource>((keys, dataSource) => keys.XmlRepository = new PostgresKeyRepository(dataSource));
        }
        else
        {
            var dataDirectory = configuration[$"{AssistantOptions.SectionName}:DataDirectory"] ?? "data";
            protection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(Path.GetFullPath(dataDirectory), "keys")));
        }

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

        // The chat pages are the only ones a customer site may frame (embed.js); SecurityHeaders sets their policy.
        app.MapGet("/", (IOperatorCatalog operators, IOptions<AssistantOptions> assistant) =>
            Page(operators.Find(assistant.Value.DefaultOperator))).ExcludeFromDescription().WithMetadata(SecurityHeaders.Embeddable);
        app.MapGet("/{operatorId:regex(^[a-z0-9-]+$)}", (string operatorId, IOperatorCatalog operators) =>
            Page(operators.Find(operatorId))).ExcludeFromDescription().WithMetadata(SecurityHeaders.Embeddable);
        return app;
    }

    private static IResult Page(OperatorProfile? operatorProfile) =>
        operatorProfile is null ? Results.NotFound() : Results.Content(WebChatPage.Render(operatorProfile), "text/html; charset=utf-8");
}
