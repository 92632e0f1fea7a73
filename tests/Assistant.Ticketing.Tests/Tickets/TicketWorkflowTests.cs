using Assistant.Ticketing.Tickets;

namespace Assistant.Ticketing.Tests.Tickets;

public class TicketWorkflowTests
{
    [Theory]
    [InlineData("new", "open")]
    [InlineData("open", "pending")]
    [InlineData("pending", "open")]
    [InlineData("pending", "resolved")]
    [InlineData("resolved", "closed")]
    [InlineData("resolved", "open")]
    [InlineData("open", "quarantined")]
    [InlineData("quarantined", "open")]
    [InlineData("quarantined", "closed")]
    public void Allowed_moves(string from, string to) => Assert.True(TicketWorkflow.CanMove(from, to));

    [Theory]
    [InlineData("closed", "open")]
    [InlineData("closed", "resolved")]
    [InlineData("new", "closed")]
    [InlineData("open", "new")]
    [InlineData("pending", "closed")]
    [InlineData("resolved", "pending")]
    [InlineData("open", "Open")]
    public void Refused_moves(string from, string to) => Assert.False(TicketWorkflow.CanMove(from, to));

    [Fact]
    public void Every_status_of_the_taxonomy_has_a_rule()
    {
        Assert.All(Taxonomy.Statuses.Where(s => s != TicketStatuses.Closed), status => Assert.NotEmpty(TicketWorkflow.NextStatuses(status)));
        Assert.Empty(TicketWorkflow.NextStatuses(TicketStatuses.Closed));
    }
}
