using Microsoft.Extensions.Hosting;

namespace Assistant.Moderation.Serving;

/// <summary>Starts loading (or first-start training) when the host starts, without holding the host's start-up.</summary>
internal sealed class ModelStartup(ModelProvider provider) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = provider.StartLoadingAsync();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
