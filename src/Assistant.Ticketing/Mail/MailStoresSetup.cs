using Assistant.Ticketing.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Assistant.Ticketing.Mail;

public static class MailStoresSetup
{
    /// <summary>
    /// The outbox and the address book on <c>mail.db</c>, beside the other data files, or in PostgreSQL. The file is
    /// opened either way, since the backup copies it.
    /// </summary>
    public static IServiceCollection AddMailStores(this IServiceCollection services, bool postgres)
    {
        services.AddSingleton(sp => new MailDatabase(sp.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory));
        if (postgres)
        {
            services.AddSingleton<IMailOutbox, PostgresMailOutbox>();
            services.AddSingleton<IMailAddressBook, PostgresMailAddressBook>();
        }
        else
        {
            services.AddSingleton<IMailOutbox, LiteDbMailOutbox>();
            services.AddSingleton<IMailAddressBook, LiteDbMailAddressBook>();
        }

        return services;
    }
}
