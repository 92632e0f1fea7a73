using Assistant.Ticketing.Consents;
using Assistant.Ticketing.Customers;
using Assistant.Ticketing.Inbox;
using Assistant.Ticketing.Mail;
using Assistant.Ticketing.Notices;
using Assistant.Ticketing.Operators;
using Assistant.Ticketing.Reports;
using Assistant.Ticketing.Sla;
using Assistant.Ticketing.Staff;
using Assistant.Ticketing.Storage;
using Assistant.Ticketing.Storage.Postgres;
using Assistant.Ticketing.Tickets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Ticketing;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the stores (on the provider <c>Assistant:Storage:Provider</c> chooses, for those that have a PostgreSQL
    /// version so far; LiteDB for the others), operators, customers and SLA policy.
    /// </summary>
    public static IServiceCollection AddTicketing(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<StorageProviderOptions>()
            .Bind(configuration.GetSection(StorageProviderOptions.SectionName))
            .Configure(o => o.PostgresConnectionString = configuration.GetConnectionString(StorageProviderOptions.ConnectionStringName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageProviderOptions>, StorageProviderOptionsValidator>();
        var postgres = StorageProviderOptions.PostgresChosen(configuration);
        if (postgres)
        {
            // First, so the schema is migrated before any other start-up work reads a store.
            services.AddPostgresDataSource();
        }

        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<SlaOptions>()
            .Bind(configuration.GetSection(SlaOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SlaOptions>, SlaOptionsValidator>();
        services.AddOptions<CustomerOptions>()
            .Bind(configuration.GetSection(CustomerOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => OperatorsSetup.FromConfiguration(configuration));
        services.AddSingleton<OperatorEditStore>();
        services.AddSingleton<OperatorSettings>();
        // Through the settings, so the admins' saved edits are served before anyone reads an operator.
        services.AddSingleton<IOperatorCatalog>(sp => sp.GetRequiredService<OperatorSettings>().Catalog);
        services.AddSingleton(sp => new TicketingDatabase(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.DatabasePath, sp.GetRequiredService<ILogger<CommitQueue>>()));
        services.AddSingleton<ISlaCalculator, SlaCalculator>();
        services.AddSingleton<ITicketService, TicketService>();
        services.TryAddSingleton<ITicketEvents, NoTicketEvents>();
        services.AddSingleton<TicketInbox>();
        services.AddSingleton<NoticeBoard>();
        services.AddSingleton<TicketReports>();
        services.AddSingleton<IncidentReports>();
        services.AddSingleton<SlaClock>();
        if (postgres)
        {
            services.AddSingleton<ICustomerStore, PostgresCustomerStore>();
            services.AddSingleton<IConsentStore, PostgresConsentStore>();
            services.AddSingleton<IStaffStore, PostgresStaffStore>();
        }
        else
        {
            services.AddSingleton<ICustomerStore, LiteDbCustomerStore>();
            services.AddSingleton<IConsentStore, LiteDbConsentStore>();
            services.AddSingleton<IStaffStore, LiteDbStaffStore>();
        }

        services.AddSingleton<ICustomerVerifier, CustomerVerifier>();
        services.AddSingleton<CustomerImport>();
        services.AddMailStores(postgres);
        services.AddHostedService<TicketingStartup>();
        return services;
    }

    private sealed class SlaOptionsValidator : IValidateOptions<SlaOptions>
    {
        public ValidateOptionsResult Validate(string? name, SlaOptions options)
        {
            var errors = options.Validate().ToList();
            return errors.Count == 0
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(errors.Select(e => $"{SlaOptions.SectionName}: {e}"));
        }
    }
}
