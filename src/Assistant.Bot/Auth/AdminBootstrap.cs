using Assistant.Ticketing.Operators;
using Assistant.Ticketing.Staff;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Auth;

/// <summary>Creates the first admin from <c>Assistant:Bootstrap</c> when the staff store is empty.</summary>
public sealed partial class AdminBootstrap(
    IStaffStore staff,
    StaffPasswords passwords,
    IOperatorCatalog operators,
    IOptions<BootstrapOptions> options,
    ILogger<AdminBootstrap> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (staff.Count() > 0)
        {
            return Task.CompletedTask;
        }

        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.AdminEmail) || string.IsNullOrEmpty(settings.AdminPassword))
        {
            LogNoAdmin(logger);
            return Task.CompletedTask;
        }

        var admin = new StaffUser
        {
            Email = settings.AdminEmail,
            DisplayName = settings.AdminName,
            Role = StaffRoles.Admin,
            OperatorIds = [.. operators.All.Select(o => o.Id)],
        };
        admin.PasswordHash = passwords.Hash(admin, settings.AdminPassword);
        staff.Add(admin);
        LogCreated(logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "No staff user exists and Assistant:Bootstrap:AdminEmail / AdminPassword are not set: nobody can log in to the consoles")]
    private static partial void LogNoAdmin(ILogger logger);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Created the first admin from Assistant:Bootstrap")]
    private static partial void LogCreated(ILogger logger);
}
