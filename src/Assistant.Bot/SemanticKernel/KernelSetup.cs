using Assistant.Bot.Intake;
using Microsoft.SemanticKernel;

namespace Assistant.Bot.SemanticKernel;

public static class KernelSetup
{
    /// <summary>
    /// One Kernel for the host. With an LLM endpoint configured, the OpenAI connector is added and the LLM
    /// interpreter is used (falling back to the local one); without, only the template engine is used.
    /// </summary>
    public static IServiceCollection AddAssistantKernel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LlmOptions>().Bind(configuration.GetSection(LlmOptions.SectionName));
        var llm = configuration.GetSection(LlmOptions.SectionName).Get<LlmOptions>() ?? new LlmOptions();

        services.AddSingleton(provider =>
        {
            var builder = Kernel.CreateBuilder();
            builder.Services.AddSingleton(provider.GetRequiredService<ILoggerFactory>());
            if (llm.Enabled)
            {
                var client = new HttpClient { Timeout = llm.Timeout };
                builder.AddOpenAIChatCompletion(llm.Model, new Uri(llm.Endpoint!), llm.ApiKey ?? "none", httpClient: client);
            }
            return builder.Build();
        });
        services.AddSingleton<ReplyTemplates>();
        services.AddSingleton<InterpretPrompt>();
        services.AddSingleton<LocalInterpreter>();
        if (llm.Enabled)
        {
            services.AddSingleton<IIntakeInterpreter, LlmInterpreter>();
        }
        else
        {
            services.AddSingleton<IIntakeInterpreter>(provider => provider.GetRequiredService<LocalInterpreter>());
        }
        return services;
    }
}
