using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Moderation;

public static class DependencyInjection
{
    /// <summary>Registers the analyzer (models loaded once, trained on first start if missing) and the sanction policy.</summary>
    public static IServiceCollection AddModeration(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // Filled in by the moderation work: IMessageAnalyzer, ISanctionService, options.
        return services;
    }
}
