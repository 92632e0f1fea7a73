using Assistant.Ticketing.Operators;
using Assistant.Ticketing.Sla;
using Assistant.Ticketing.Storage;
using Assistant.Ticketing.Tickets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Assistant.Ticketing.Tests.Support;

/// <summary>The real service on a real LiteDB file, wired by hand as the DI container would.</summary>
public sealed class TestTicketing : IDisposable
{
    public static readonly Actor Requester = new("requester", "user-1");
    public static readonly Actor Agent = new("agent", "agent-1", "Agent One");

    public TestTicketing(string databasePath, TimeProvider? clock = null, ITicketEvents? events = null)
    {
        Database = new TicketingDatabase(databasePath);
        Operators = OperatorCatalog.Defaults();
        Sla = new SlaCalculator(Options.Create(new SlaOptions()), Operators);
        Events = events ?? new RecordingEvents();
        Clock = clock ?? TimeProvider.System;
        Tickets = new TicketService(Database, Operators, Sla, Events, Clock, NullLogger<TicketService>.Instance);
    }

    public TicketingDatabase Database { get; }
    public OperatorCatalog Operators { get; }
    public SlaCalculator Sla { get; }
    public ITicketEvents Events { get; }
    public TimeProvider Clock { get; }
    public TicketService Tickets { get; }

    public static NewTicket SampleTicket(string operatorId = "digisense", string title = "Visio V-room coupée", string userId = "user-1", string conversationId = "conv-1") =>
        new(
            OperatorId: operatorId,
            Title: title,
            Description: "La visioconférence se coupe toutes les cinq minutes depuis ce matin.",
            Category: "incident",
            Product: "vroom",
            Priority: "high",
            PriorityDecidedBy: "model",
            Requester: new Requester { UserId = userId, Name = "Camille Martin", Email = "camille.martin@example.com" },
            ConversationId: conversationId);

    public void Dispose() => Database.Dispose();
}
