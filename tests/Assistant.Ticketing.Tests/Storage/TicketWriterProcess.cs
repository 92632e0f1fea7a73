using Assistant.Ticketing.Tests.Support;

namespace Assistant.Ticketing.Tests.Storage;

/// <summary>The child process of the durability test: creates tickets until killed, printing each acknowledged reference.</summary>
public static class TicketWriterProcess
{
    public static int Run(string directory)
    {
        using var ticketing = new TestTicketing(Path.Combine(directory, "tickets.db"));
        for (var i = 0; i < 1_000_000; i++)
        {
            var ticket = ticketing.Tickets.Create(TestTicketing.SampleTicket(title: $"Durability {i}"), TestTicketing.Requester);
            // Printed only after Create returned: this line is the acknowledgement the test holds us to.
            Console.Out.WriteLine($"{ticket.Reference} {i}");
            Console.Out.Flush();
        }

        return 0;
    }
}
