using Assistant.Bot.Intake;

namespace Assistant.Bot.Tests.Intake;

public class CommandsTests
{
    [Theory]
    [InlineData("Accepter et valider", Command.AcceptTerms)]
    [InlineData("I accept", Command.AcceptTerms)]
    [InlineData("Refuser", Command.RefuseTerms)]
    [InlineData("mes demandes", Command.MyTickets)]
    [InlineData("my tickets", Command.MyTickets)]
    [InlineData("où en est DGS-2026-000123 ?", Command.TicketStatus)]
    [InlineData("je voudrais parler à un conseiller", Command.Human)]
    [InlineData("can I talk to a human", Command.Human)]
    [InlineData("aide", Command.Help)]
    [InlineData("annuler", Command.Cancel)]
    [InlineData("recommencer", Command.Restart)]
    [InlineData("Confirmer", Command.Yes)]
    [InlineData("oui", Command.Yes)]
    [InlineData("Modifier", Command.Modify)]
    [InlineData("Passer", Command.Skip)]
    [InlineData("ma visio plante quand je partage mon écran", Command.None)]
    public void Recognises_the_commands_of_the_dialog(string text, Command expected)
    {
        Assert.Equal(expected, Commands.Detect(text, EntityExtractor.Extract(text)));
    }
}
