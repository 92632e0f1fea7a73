using Assistant.Bot.Hosting;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Tests.Storage;

/// <summary>A fresh data directory under the system temp folder, for a test that opens the service's files itself; deleted on dispose.</summary>
public sealed class TempDataDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sa-data-" + Guid.NewGuid().ToString("N"));

    /// <summary>The service's options pointing at this directory.</summary>
    public IOptions<AssistantOptions> Options => Microsoft.Extensions.Options.Options.Create(new AssistantOptions { DataDirectory = Path });

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing the test for it would hide the real result.
        }
    }
}
