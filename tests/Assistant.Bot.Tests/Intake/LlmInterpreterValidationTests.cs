using Assistant.Bot.Intake;
using Assistant.Bot.SemanticKernel;

namespace Assistant.Bot.Tests.Intake;

public class LlmInterpreterValidationTests
{
    [Fact]
    public void Details_the_model_invents_are_dropped()
    {
        const string text = "mon espace client affiche une facture en double";
        var fields = new LlmFields
        {
            Email = "someone.else@example.com",
            Name = "Jean Valjean",
            CustomerNumber = "CL-999999",
            Category = "billing",
            Product = "client-space",
        };

        var result = LlmInterpreter.Validate(fields, text, LocalInterpreter.Interpret(text));

        Assert.Null(result.Entities.Email);
        Assert.Null(result.Entities.Name);
        Assert.Null(result.Entities.CustomerNumber);
        Assert.Equal("billing", result.Category);
        Assert.Equal("client-space", result.Product);
    }

    [Fact]
    public void Values_outside_the_taxonomy_are_dropped()
    {
        const string text = "problème avec le wifi";
        var fields = new LlmFields { Category = "network", Product = "wifi", Command = "delete_all_tickets" };

        var result = LlmInterpreter.Validate(fields, text, LocalInterpreter.Interpret(text));

        Assert.Null(result.Category);
        Assert.Null(result.Product);
        Assert.Equal(Command.None, result.Command);
    }

    [Fact]
    public void Details_written_by_the_user_are_kept()
    {
        const string text = "c'est Léa Petit, joignable sur lea.petit@example.org";
        var fields = new LlmFields { Name = "Léa Petit", Email = "lea.petit@example.org" };

        var result = LlmInterpreter.Validate(fields, text, LocalInterpreter.Interpret(text));

        Assert.Equal("Léa Petit", result.Entities.Name);
        Assert.Equal("lea.petit@example.org", result.Entities.Email);
    }

    [Fact]
    public void A_status_request_needs_a_reference_the_user_wrote()
    {
        const string text = "où en est mon ticket ?";
        var fields = new LlmFields { Command = "ticketstatus" };

        var result = LlmInterpreter.Validate(fields, text, LocalInterpreter.Interpret(text));

        Assert.NotEqual(Command.TicketStatus, result.Command);
    }
}
