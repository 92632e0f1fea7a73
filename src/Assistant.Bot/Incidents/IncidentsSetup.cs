namespace Assistant.Bot.Incidents;

public static class IncidentsSetup
{
    /// <summary>The notice desk and the surge detector (the notice board itself is Ticketing's).</summary>
    public static IServiceCollection AddIncidents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IncidentOptions>()
            .Bind(configuration.GetSection(IncidentOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<NoticeDesk>();
        services.AddSingleton<SurgeDetector>();
        return services;
    }
}
