using System.Net;
using Assistant.Bot.Tests.Channel;

namespace Assistant.Bot.Tests.Hosting;

/// <summary>
/// The built service started from a folder that is not the project's (an operator running the binary from anywhere,
/// as <c>dotnet path/to/Assistant.Bot.dll</c>) still serves the consoles and their scripts, not only the API.
/// </summary>
public sealed class StaticPagesTests : IDisposable
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
    public async Task Pages_and_scripts_are_served_whatever_the_working_directoryAsync()
    {
        var address = new Uri($"http://127.0.0.1:{ServiceProcess.FreePort()}");
        using var service = ServiceProcess.Start(_directory, [], new Dictionary<string, string> { ["ASPNETCORE_URLS"] = address.ToString() });
        Assert.True(await service.AnswersAtAsync(address), service.Output);

        using var client = new HttpClient { BaseAddress = address };
        foreach (var path in new[] { "/", "/agent", "/admin", "/reports", "/js/chat.js", "/lib/webchat.js", "/admin/admin.js" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        }
    }
}
