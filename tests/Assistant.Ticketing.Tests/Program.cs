using Assistant.Ticketing.Tests.Storage;

namespace Assistant.Ticketing.Tests;

/// <summary>
/// The test runner never calls this. The durability test starts this assembly as a child process
/// (<c>dotnet exec Assistant.Ticketing.Tests.dll write-tickets DIR</c>) and kills it mid-write.
/// </summary>
public static class Program
{
    public static int Main(string[] args) =>
        args is ["write-tickets", var directory] ? TicketWriterProcess.Run(directory) : 0;
}
