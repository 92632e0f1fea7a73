using System.Diagnostics;
using Assistant.Ticketing.Tests.Support;

namespace Assistant.Ticketing.Tests.Storage;

public sealed class DurabilityTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Every_acknowledged_ticket_survives_a_kill_during_writesAsync()
    {
        var acknowledged = new List<(string Reference, string Index)>();
        using (var writer = StartWriter())
        {
            // Let it write for a while, then SIGKILL it in the middle of its loop.
            while (acknowledged.Count < 150 && await writer.StandardOutput.ReadLineAsync() is { } line)
            {
                acknowledged.Add(Parse(line));
            }

            writer.Kill();
            // Lines already printed before the kill are acknowledgements too.
            while (await writer.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.Contains(' ', StringComparison.Ordinal))
                {
                    acknowledged.Add(Parse(line));
                }
            }

            await writer.WaitForExitAsync();
            Assert.NotEqual(0, writer.ExitCode);
        }

        Assert.True(acknowledged.Count >= 150, $"the writer acknowledged only {acknowledged.Count} tickets");
        using var reopened = new TestTicketing(_directory.DatabasePath);
        Assert.All(acknowledged, ack =>
        {
            var ticket = reopened.Tickets.Find(ack.Reference);
            Assert.NotNull(ticket);
            Assert.Equal($"Durability {ack.Index}", ticket.Title);
        });
        // The file still takes writes, and never reuses an acknowledged number.
        var next = reopened.Tickets.Create(TestTicketing.SampleTicket(), TestTicketing.Requester);
        Assert.DoesNotContain(next.Reference, acknowledged.Select(a => a.Reference));
    }

    private Process StartWriter()
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(typeof(DurabilityTests).Assembly.Location);
        start.ArgumentList.Add("write-tickets");
        start.ArgumentList.Add(_directory.Path);
        return Process.Start(start) ?? throw new InvalidOperationException("could not start the writer process");
    }

    private static (string, string) Parse(string line)
    {
        var parts = line.Split(' ');
        return (parts[0], parts[1]);
    }
}
