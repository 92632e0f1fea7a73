using Assistant.Bot.Storage;
using Assistant.Bot.Turns;

namespace Assistant.Bot.Intake;

public static class IntakeSetup
{
    /// <summary>The intake dialog and the turn pipeline that runs it: the channel's turn handler.</summary>
    public static IServiceCollection AddIntake(this IServiceCollection services)
    {
        services.AddSingleton<BotDatabase>();
        services.AddSingleton<IntakeStateStore>();
        services.AddSingleton<IntakeTicketing>();
        services.AddSingleton<IntakeDialog>();
        services.AddSingleton<ITurnHandler, TurnPipeline>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
