using Microsoft.Extensions.Options;

namespace Assistant.Bot.BotFramework;

public static partial class BotFrameworkServices
{
    /// <summary>The HttpClient for the OpenID metadata, the token endpoint and the Connectors.</summary>
    public const string HttpClientName = "BotFramework";

    public static IServiceCollection AddBotFramework(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BotFrameworkOptions>()
            .Bind(configuration.GetSection(BotFrameworkOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => string.IsNullOrWhiteSpace(o.MicrosoftAppId) || !string.IsNullOrWhiteSpace(o.MicrosoftAppPassword), "Bot:MicrosoftAppPassword is required with Bot:MicrosoftAppId.")
            .Validate(o => o.RegistrationsAreComplete(), "Each Bot:Registrations:{n} needs a MicrosoftAppId and a MicrosoftAppPassword, and no app id may be given twice.")
            .ValidateOnStart();
        services.AddHttpClient(HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<InboundAuthenticator>();
        services.AddSingleton<ConnectorTokens>();
        services.AddSingleton<ConnectorClient>();
        services.AddSingleton<ChannelReferences>();
        services.AddSingleton<ChannelActivities>();
        services.AddSingleton<ConnectorRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<ConnectorRelay>());
        return services;
    }

    public static WebApplication MapBotFramework(this WebApplication app)
    {
        app.MapBotFrameworkApi();
        var options = app.Services.GetRequiredService<IOptions<BotFrameworkOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BotFrameworkServices).FullName!);
        if (options.IsAuthenticated)
        {
            foreach (var registration in options.AllRegistrations())
            {
                LogAuthenticated(logger, BotFrameworkApi.Path, registration.MicrosoftAppId, registration.Operator ?? options.Operator ?? "(default)");
            }
        }
        else
        {
            LogLoopbackOnly(logger, BotFrameworkApi.Path);
        }

        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bot Framework endpoint {Path} checks Azure Bot Service tokens for app id {AppId} (operator {OperatorId})")]
    private static partial void LogAuthenticated(ILogger logger, string path, string appId, string operatorId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot Framework endpoint {Path}: no Bot:MicrosoftAppId is configured, so it accepts unauthenticated calls from loopback only (Bot Framework Emulator)")]
    private static partial void LogLoopbackOnly(ILogger logger, string path);
}
