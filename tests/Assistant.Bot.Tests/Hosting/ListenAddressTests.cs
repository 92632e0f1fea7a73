using System.Net;
using System.Net.Sockets;
using Assistant.Bot.Tests.Channel;

namespace Assistant.Bot.Tests.Hosting;

/// <summary>
/// The real process started the ways an operator would: the command line wins over <c>ASPNETCORE_URLS</c>, which wins
/// over a <c>Urls</c> in appsettings.json, which wins over the default <c>http://localhost:3978</c>; and from any working
/// directory it serves the consoles and their scripts, not only the API.
/// </summary>
public sealed class ListenAddressTests : IDisposable
{
    private readonly string _directory = ChannelAppFactory.NewDataDirectory();

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    [Fact]
    public async Task The_environment_variable_alone_sets_the_addressAsync()
    {
        var address = Loopback(ServiceProcess.FreePort());
        using var service = ServiceProcess.Start(_directory, [], new Dictionary<string, string> { ["ASPNETCORE_URLS"] = address.ToString() });

        Assert.True(await service.AnswersAtAsync(address), service.Output);
        AssertListensOnlyOn(service, address);
    }

    [Fact]
    public async Task The_environment_variable_wins_over_urls_in_appsettingsAsync()
    {
        var fromFile = Loopback(ServiceProcess.FreePort());
        var fromEnvironment = Loopback(ServiceProcess.FreePort());
        WriteAppSettings(fromFile);
        using var service = ServiceProcess.Start(_directory, [], new Dictionary<string, string> { ["ASPNETCORE_URLS"] = fromEnvironment.ToString() });

        Assert.True(await service.AnswersAtAsync(fromEnvironment), service.Output);
        AssertListensOnlyOn(service, fromEnvironment);
        Assert.False(await AcceptsConnectionsAsync(fromFile));
    }

    [Fact]
    public async Task The_command_line_wins_over_the_environment_variableAsync()
    {
        var fromCommandLine = Loopback(ServiceProcess.FreePort());
        var fromEnvironment = Loopback(ServiceProcess.FreePort());
        using var service = ServiceProcess.Start(_directory, ["--urls", fromCommandLine.ToString()],
            new Dictionary<string, string> { ["ASPNETCORE_URLS"] = fromEnvironment.ToString() });

        Assert.True(await service.AnswersAtAsync(fromCommandLine), service.Output);
        AssertListensOnlyOn(service, fromCommandLine);
        Assert.False(await AcceptsConnectionsAsync(fromEnvironment));
    }

    [Fact]
    public async Task Urls_in_appsettings_apply_when_nothing_else_is_givenAsync()
    {
        var fromFile = Loopback(ServiceProcess.FreePort());
        WriteAppSettings(fromFile);
        using var service = ServiceProcess.Start(_directory, [], new Dictionary<string, string>());

        Assert.True(await service.AnswersAtAsync(fromFile), service.Output);
        AssertListensOnlyOn(service, fromFile);
    }

    [Fact]
    public async Task Without_any_address_the_service_takes_localhost_3978Async()
    {
        using var service = ServiceProcess.Start(_directory, [], new Dictionary<string, string>());

        // Someone on this machine may run the service on its default port: then the start fails, naming that port.
        var listening = await service.WroteAsync("Now listening on: http://localhost:3978");
        Assert.True(listening || service.Output.Contains("127.0.0.1:3978: address already in use", StringComparison.Ordinal), service.Output);
        if (listening)
        {
            Assert.True(await service.AnswersAtAsync(new Uri("http://localhost:3978")), service.Output);
        }
    }

    [Fact]
    public async Task Pages_and_scripts_are_served_whatever_the_working_directoryAsync()
    {
        // The test starts the binary in a temporary folder, as `dotnet path/to/Assistant.Bot.dll` from anywhere would.
        var address = Loopback(ServiceProcess.FreePort());
        using var service = ServiceProcess.Start(_directory, [], new Dictionary<string, string> { ["ASPNETCORE_URLS"] = address.ToString() });
        Assert.True(await service.AnswersAtAsync(address), service.Output);

        using var client = new HttpClient { BaseAddress = address };
        foreach (var path in new[] { "/", "/agent", "/admin", "/reports", "/js/chat.js", "/lib/webchat.js", "/admin/admin.js" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        }
    }

    private static Uri Loopback(int port) => new($"http://127.0.0.1:{port}");

    private void WriteAppSettings(Uri urls) =>
        File.WriteAllText(Path.Combine(_directory, "appsettings.json"), $$"""{ "Urls": "{{urls}}" }""");

    private static void AssertListensOnlyOn(ServiceProcess service, Uri address)
    {
        var listening = service.Output.Split('\n').Where(line => line.Contains("Now listening on:", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(listening);
        Assert.Contains(address.ToString().TrimEnd('/'), line, StringComparison.Ordinal);
    }

    private static async Task<bool> AcceptsConnectionsAsync(Uri address)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, address.Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
