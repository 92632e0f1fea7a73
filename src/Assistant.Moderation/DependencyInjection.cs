using Assistant.Moderation.Analysis;
using Assistant.Moderation.Sanctions;
using Assistant.Moderation.Serving;
using Assistant.Moderation.Storage;
using Assistant.Moderation.Thresholds;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Assistant.Moderation;

public static class DependencyInjection
{
    /// <summary>Registers the analyzer (models loaded once, trained on first start if missing) and the sanction policy.</summary>
    public static IServiceCollection AddModeration(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ModerationOptions>()
            .Bind(configuration.GetSection(ModerationOptions.SectionName))
            .Configure(o => o.DataDirectory = configuration["Assistant:DataDirectory"] is { Length: > 0 } directory ? directory : o.DataDirectory)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<SanctionOptions>()
            .Bind(configuration.GetSection(SanctionOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton(sp => new ModerationDatabase(sp.GetRequiredService<IOptions<ModerationOptions>>().Value.DatabasePath));
        services.AddSingleton<IModerationSettings, LiteDbModerationSettings>();
        services.AddSingleton<ISanctionService, SanctionService>();
        services.AddSingleton<ModelProvider>();
        services.AddSingleton<IModelCatalog>(sp => sp.GetRequiredService<ModelProvider>());
        services.AddSingleton<IMessageAnalyzer, MessageAnalyzer>();
        services.AddHostedService<ModelStartup>();
        return services;
    }
}
