using Assistant.Ticketing.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Assistant.Ticketing.Mail;

public static class MailStoresSetup
{
    /// <summary>The outbox and the address book on <c>mail.db</c>, beside the other data files.</summary>
    public static IServiceCollection AddMailStores(this IServiceCollection services)
    {
        services.AddSingleton(sp => new MailDatabase(sp.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory));
        services.AddSingleton<IMailOutbox, LiteDbMailOutbox>();
        services.AddSingleton<IMailAddressBook, LiteDbMailAddressBook>();
        return services;
    }
}
