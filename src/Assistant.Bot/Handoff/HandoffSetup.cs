namespace Assistant.Bot.Handoff;

public static class HandoffSetup
{
    /// <summary>Conversation ownership (bot → pending → agent → bot), the agents' live feed and the console's stream tokens.</summary>
    public static IServiceCollection AddHandoff(this IServiceCollection services)
    {
        services.AddSingleton<HandoffStore>();
        services.AddSingleton<AgentFeed>();
        services.AddSingleton<StreamTokens>();
        services.AddSingleton<HandoffAvailability>();
        services.AddSingleton<HandoffNotices>();
        services.AddSingleton<HandoffRouter>();
        services.AddSingleton<HandoffDesk>();
        return services;
    }

    /// <summary>The handoff REST API and the agent console with its live feed.</summary>
    public static IEndpointRouteBuilder MapHandoff(this IEndpointRouteBuilder app)
    {
        app.MapHandoffApi();
        app.MapAgentConsole();
        return app;
    }
}
