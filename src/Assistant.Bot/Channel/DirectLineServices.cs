using Assistant.Bot.Channel.Storage;
using Assistant.Bot.Channel.Storage.Journal;
using Assistant.Bot.Channel.Streaming;
using Assistant.Bot.Channel.Tokens;
using Assistant.Bot.Channel.Turns;
using Assistant.Bot.Turns;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Assistant.Bot.Channel;

public static class DirectLineServices
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddDirectLine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DirectLineOptions>()
            .Bind(configuration.GetSection(DirectLineOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => string.IsNullOrWhiteSpace(o.SigningKey) || IsKey(o.SigningKey), "DirectLine:SigningKey must be base64 of at least 32 bytes.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SigningKey>();
        services.AddSingleton<DirectLineTokens>();
        services.AddSingleton<ConversationDatabase>();
        services.AddSingleton<JournalMetrics>();
        services.AddSingleton<ConversationStore>();
        services.AddSingleton<ConversationHub>();
        services.AddSingleton<ConversationSender>();
        services.AddSingleton<IConversationSender>(sp => sp.GetRequiredService<ConversationSender>());
        services.AddSingleton<IncomingActivities>();
        services.AddSingleton<StreamSession>();
        services.AddSingleton<TurnQueue>();
        services.AddHostedService<TurnWorker>();

        var allowedOrigins = configuration.GetSection("Assistant:AllowedOrigins").Get<string[]>() ?? [];
        services.AddCors(cors => cors.AddPolicy(DirectLineApi.CorsPolicy, policy =>
        {
            // Direct Line authenticates with a header, never a cookie, so any origin may call it unless restricted.
            if (allowedOrigins.Length == 0)
            {
                policy.AllowAnyOrigin();
            }
            else
            {
                policy.WithOrigins(allowedOrigins);
            }

            policy.WithHeaders("Authorization", "Content-Type", "Accept", "X-Requested-With", "x-ms-bot-agent")
                .WithMethods("GET", "POST", "OPTIONS");
        }));

        services.AddHealthChecks().AddCheck<ConversationDatabaseHealthCheck>("conversations-db", tags: [ReadyTag]);
        return services;
    }

    public static WebApplication MapDirectLine(this WebApplication app)
    {
        app.UseWebSockets();
        app.UseCors();
        app.MapDirectLineApi();
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        return app;
    }

    private static bool IsKey(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) && written >= 32;
    }
}
