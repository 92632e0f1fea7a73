using Assistant.Bot.Intake;

namespace Assistant.Bot.Tests.Intake;

public class EntityExtractorTests
{
    [Theory]
    [InlineData("appelez-moi au 06 12 34 56 78 svp", "+33 6 12 34 56 78")]
    [InlineData("tel: 06.12.34.56.78", "+33 6 12 34 56 78")]
    [InlineData("+33 6 12 34 56 78", "+33 6 12 34 56 78")]
    [InlineData("+33612345678", "+33 6 12 34 56 78")]
    [InlineData("0033 1 23 45 67 89", "+33 1 23 45 67 89")]
    [InlineData("my number is +44 20 7946 0958", "+442079460958")]
    public void Finds_phone_numbers_in_french_and_international_formats(string text, string expected)
    {
        Assert.Equal(expected, EntityExtractor.Extract(text).Phone);
    }

    [Theory]
    [InlineData("ma facture DGS-2026-000123 est fausse")]
    [InlineData("le 12/03/2026 à 10h")]
    [InlineData("numéro client CL-104233")]
    public void Does_not_take_references_dates_or_customer_numbers_for_phones(string text)
    {
        Assert.Null(EntityExtractor.Extract(text).Phone);
    }

    [Fact]
    public void Reads_everything_a_complete_first_message_contains()
    {
        var entities = EntityExtractor.Extract(
            "Bonjour, je m'appelle Marie Dupont, marie.dupont@example.fr, 06 11 22 33 44, client CL-104233 : la visio V-room coupe le son depuis hier.");

        Assert.Equal("Marie Dupont", entities.Name);
        Assert.Equal("marie.dupont@example.fr", entities.Email);
        Assert.Equal("+33 6 11 22 33 44", entities.Phone);
        Assert.Equal("CL-104233", entities.CustomerNumber);
        Assert.Equal("vroom", entities.Product);
    }

    [Theory]
    [InlineData("où en est dgs-2026-000123 ?", "DGS-2026-000123")]
    [InlineData("status of ICN-2025-000045 please", "ICN-2025-000045")]
    public void Finds_ticket_references_in_any_case(string text, string expected)
    {
        Assert.Equal([expected], EntityExtractor.Extract(text).TicketReferences);
    }

    [Theory]
    [InlineData("mon Ibox est pleine", "ibox")]
    [InlineData("la synchro ne marche plus", "ibox")]
    [InlineData("impossible de lancer une visioconférence", "vroom")]
    [InlineData("je ne trouve pas ma facture de mars", "client-space")]
    [InlineData("mon imprimante est en panne", null)]
    public void Recognises_product_mentions_with_or_without_accents(string text, string? expected)
    {
        Assert.Equal(expected, EntityExtractor.Extract(text).Product);
    }

    [Theory]
    [InlineData("I'm unable to log in")]
    [InlineData("je suis bloqué depuis ce matin")]
    public void Does_not_mistake_a_sentence_for_a_name(string text)
    {
        Assert.Null(EntityExtractor.Extract(text).Name);
    }

    [Theory]
    [InlineData("mon numéro client est dgs-c1001", "DGS-C1001")]
    [InlineData("client ICN-C2003", "ICN-C2003")]
    [InlineData("n° client 104233", "CL-104233")]
    public void Reads_customer_numbers_of_both_operators(string text, string expected)
    {
        Assert.Equal(expected, EntityExtractor.Extract(text).CustomerNumber);
    }
}
