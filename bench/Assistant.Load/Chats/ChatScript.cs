namespace Assistant.Load.Chats;

/// <summary>
/// What one simulated customer answers to the bot's last prompt (its <c>channelData.slot</c> and suggested actions):
/// accept the terms, describe a problem, give a name, an e-mail, a phone, "pas client", confirm; after a ticket or any
/// answer that asks nothing, a new problem. Told of an incident on the product of their problem, they ask to be kept
/// informed (the report is linked). Against the echo (which never asks) every message is a new problem.
/// </summary>
public sealed class ChatScript(int chat, Random random)
{
    private readonly string _name = SupportSentences.Names[chat % SupportSentences.Names.Length];

    public string Answer(string? slot, IReadOnlyList<string> choices) => slot switch
    {
        "consent" => "Accepter et valider",
        "product" or "category" => choices.Count > 0 ? choices[random.Next(choices.Count)] : "Autre",
        "name" => _name,
        "email" => SupportSentences.Email(_name, chat),
        "phone" => SupportSentences.Phone(random),
        "customerNumber" => "Pas client",
        "confirmation" => "Confirmer",
        "incident" => "Oui",
        // A help article offered instead of a ticket: this customer still wants the ticket.
        "article" => "Non",
        // "What do you want to change?": this customer gives up the draft and starts over.
        "other" => "Annuler",
        _ => Problem(),
    };

    private string Problem()
    {
        var problem = SupportSentences.Problems[random.Next(SupportSentences.Problems.Length)];
        // One problem in five comes with the contact details, as in the "everything in the first message" scenario.
        return random.Next(5) == 0
            ? $"Bonjour, je suis {_name}, {SupportSentences.Email(_name, chat)}, {SupportSentences.Phone(random)}. {problem}"
            : problem;
    }
}
