namespace Assistant.Bot.Hosting;

/// <summary>
/// Where the server listens: <c>--urls</c> on the command line, else <c>ASPNETCORE_URLS</c>, else configuration
/// (<c>Urls</c>, <c>HTTP_PORTS</c>/<c>HTTPS_PORTS</c> or <c>Kestrel:Endpoints</c>), else <see cref="Default"/>.
/// </summary>
public static class ListenAddresses
{
    public const string Default = "http://localhost:3978";

    /// <summary>
    /// WebApplicationBuilder reads <c>ASPNETCORE_*</c> variables before appsettings files, so a <c>Urls</c> in a file would
    /// beat the environment variable a container or service manager sets; this puts the environment back above files.
    /// </summary>
    public static void UseAssistantAddresses(this WebApplicationBuilder builder, string[] args)
    {
        var commandLine = new ConfigurationBuilder().AddCommandLine(args).Build();
        if (!string.IsNullOrWhiteSpace(commandLine["urls"]))
        {
            return; // the command line is read last and already wins
        }

        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_URLS");
        if (!string.IsNullOrWhiteSpace(environment))
        {
            builder.WebHost.UseUrls(environment);
            return;
        }

        var configuration = builder.Configuration;
        var configured = !string.IsNullOrWhiteSpace(configuration["urls"])
            || !string.IsNullOrWhiteSpace(configuration["http_ports"])
            || !string.IsNullOrWhiteSpace(configuration["https_ports"])
            || configuration.GetSection("Kestrel:Endpoints").Exists();
        if (!configured)
        {
            builder.WebHost.UseUrls(Default);
        }
    }
}
