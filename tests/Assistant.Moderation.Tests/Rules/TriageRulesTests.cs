using Assistant.Moderation.Data;
using Assistant.Moderation.Rules;

namespace Assistant.Moderation.Tests.Rules;

public sealed class TriageRulesTests
{
    [Theory]
    [InlineData("Plus d'internet dans tout le bâtiment, nos 80 salariés ne peuvent plus se connecter", TriageRules.Outage)]
    [InlineData("SSO login to V-room is broken for our entire organisation, nobody can sign in", TriageRules.Outage)]
    [InlineData("Notre antivirus a détecté un cryptolocker sur un poste synchronisé avec Ibox", TriageRules.Security)]
    [InlineData("Quelqu'un a changé le RIB de notre espace client, ce n'est pas nous", TriageRules.Security)]
    [InlineData("Un virus se propage sur le réseau, déjà huit postes touchés", TriageRules.Security)]
    public void Outages_for_many_and_security_incidents_are_urgent_by_a_named_rule(string text, string rule) =>
        Assert.Equal(rule, TriageRules.MatchUrgent(TextNormalizer.ForMatching(text)));

    [Theory]
    [InlineData("How can I tell if an email is phishing?")]
    [InlineData("Can't log into the payroll software, it says unknown user")]
    [InlineData("Mon micro ne fonctionne plus dans V-room, mes collègues n'ont pas le problème")]
    [InlineData("Est-ce que V-room marche sur tablette ?")]
    public void A_single_user_problem_or_a_question_is_left_to_the_model(string text) =>
        Assert.Null(TriageRules.MatchUrgent(TextNormalizer.ForMatching(text)));
}
