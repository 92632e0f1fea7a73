using Microsoft.Extensions.Configuration;
using Assistant.Ticketing.Operators;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Ticketing;

public static class DependencyInjection
{
    /// <summary>Registers the LiteDB-backed stores, operators, customers and SLA policy.</summary>
    public static IServiceCollection AddTicketing(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<IOperatorCatalog>(OperatorCatalog.Defaults());
        // The rest is filled in by the ticketing work.
        return services;
    }
}
