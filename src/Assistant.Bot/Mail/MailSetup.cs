using Microsoft.Extensions.Options;

namespace Assistant.Bot.Mail;

public static class MailSetup
{
    /// <summary>E-mail to customers: settings, the outbox's sender, the ticket listener, the chat's consent and the links.</summary>
    public static IServiceCollection AddMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MailOptions>()
            .Bind(configuration.GetSection(MailOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<MailOptions>, MailOptionsValidator>();
        services.AddSingleton<MailLinks>();
        services.AddSingleton<MailComposer>();
        services.AddSingleton<IMailTransport, SmtpMailTransport>();
        services.AddSingleton<MailDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<MailDispatcher>());
        services.AddSingleton<MailNotifier>();
        services.AddSingleton<MailDesk>();
        return services;
    }

    private sealed class MailOptionsValidator : IValidateOptions<MailOptions>
    {
        public ValidateOptionsResult Validate(string? name, MailOptions options)
        {
            var problems = options.Problems().ToList();
            return problems.Count == 0
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(problems.Select(p => $"{MailOptions.SectionName}: {p}"));
        }
    }
}
