using Assistant.Bot.Intake;

namespace Assistant.Bot.Tests.Intake;

public class DraftMergerTests
{
    private static MergeResult Merge(TicketDraft draft, string text, string? slot) =>
        DraftMerger.Merge(draft, LocalInterpreter.Interpret(text), text, slot);

    [Fact]
    public void A_first_message_fills_the_description_and_the_contact_at_once()
    {
        var draft = new TicketDraft();

        var result = Merge(draft, "Je m'appelle Paul Martin (paul@example.com, 06 00 00 00 12). Mon Ibox ne synchronise plus mes fichiers.", null);

        Assert.True(result.DescriptionAdded);
        Assert.Equal("Paul Martin", draft.Name);
        Assert.Equal("paul@example.com", draft.Email);
        Assert.Equal("+33 6 00 00 00 12", draft.Phone);
        Assert.Equal("ibox", draft.Product);
        Assert.Contains("ne synchronise plus", draft.Description);
    }

    [Theory]
    [InlineData("Hello, I would like to report a problem.", false)]
    [InlineData("Bonjour, j'ai un souci", false)]
    [InlineData("Je voudrais ouvrir une demande s'il vous plaît", false)]
    [InlineData("J'ai un problème avec mon Ibox", true)]
    [InlineData("Mon problème : la visio coupe le son de tous les participants depuis ce matin", true)]
    public void An_announced_but_undescribed_problem_is_not_taken_as_the_description(string text, bool described)
    {
        var draft = new TicketDraft();

        Merge(draft, text, null);

        Assert.Equal(described, draft.Description is not null);
    }

    [Fact]
    public void A_correction_replaces_the_product()
    {
        var draft = new TicketDraft { Description = "ça ne marche pas", Product = "vroom", ProductConfirmed = true };

        Merge(draft, "non, c'est pour Ibox", Slots.Name);

        Assert.Equal("ibox", draft.Product);
        Assert.Null(draft.Name);
        Assert.Equal("ça ne marche pas", draft.Description);
    }

    [Fact]
    public void A_short_answer_to_the_name_question_is_the_name()
    {
        var draft = new TicketDraft();

        Merge(draft, "marie-claire dupont", Slots.Name);

        Assert.Equal("Marie-Claire Dupont", draft.Name);
    }

    [Fact]
    public void An_answer_without_an_email_to_the_email_question_is_a_problem()
    {
        var draft = new TicketDraft();

        var result = Merge(draft, "jeanne at example", Slots.Email);

        Assert.Equal("InvalidEmail", result.Problem);
        Assert.Null(draft.Email);
    }

    [Theory]
    [InlineData("Pas client")]
    [InlineData("not a customer")]
    [InlineData("non")]
    public void Not_being_a_customer_is_an_answer(string text)
    {
        var draft = new TicketDraft();

        Merge(draft, text, Slots.CustomerNumber);

        Assert.True(draft.NotCustomer);
        Assert.Null(draft.CustomerNumber);
    }

    [Fact]
    public void A_bare_number_answers_the_customer_number_question()
    {
        var draft = new TicketDraft();

        Merge(draft, "104233", Slots.CustomerNumber);

        Assert.Equal("CL-104233", draft.CustomerNumber);
    }

    [Fact]
    public void Skipping_the_phone_is_remembered()
    {
        var draft = new TicketDraft();

        Merge(draft, "Passer", Slots.Phone);

        Assert.True(draft.PhoneSkipped);
    }
}
