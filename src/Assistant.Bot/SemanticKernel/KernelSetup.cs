using Assistant.Bot.Intake;
using Microsoft.SemanticKernel;

namespace Assistant.Bot.SemanticKernel;

public static class KernelSetup
{
    /// <summary>
    /// One Kernel for the host's templates (replies and the interpreter's prompt: the template engine only), and the
    /// LLM endpoint, whose own kernel carries the OpenAI connector and follows an admin's edits without a restart.
    /// The registered interpreter asks the LLM when an endpoint is set and falls back to the local one otherwise.
    /// </summary>
    public static IServiceCollection AddAssistantKernel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LlmOptions>().Bind(configuration.GetSection(LlmOptions.SectionName));
        services.AddSingleton(provider =>
        {
            var builder = Kernel.CreateBuilder();
            builder.Services.AddSingleton(provider.GetRequiredService<ILoggerFactory>());
            return builder.Build();
        });
        services.AddSingleton<LlmEndpoint>();
        services.AddSingleton<ReplyTemplates>();
        services.AddSingleton<InterpretPrompt>();
        services.AddSingleton<LocalInterpreter>();
        services.AddSingleton<IIntakeInterpreter, LlmInterpreter>();
        return services;
    }
}
