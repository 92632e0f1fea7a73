namespace Assistant.Bot.Intake;

/// <summary>The suggested actions of each choice, in the conversation's language. Values are what the interpreter recognises.</summary>
public static class Choices
{
    public static IReadOnlyList<Choice> Consent(string language) => language == LanguageDetector.English
        ? [new("Accept and continue", "I accept"), new("Refuse", "I refuse")]
        : [new("Accepter et valider", "Accepter et valider"), new("Refuser", "Refuser")];

    public static IReadOnlyList<Choice> Confirmation(string language) => language == LanguageDetector.English
        ? [new("Confirm", "Confirm"), new("Change something", "Change"), new("Cancel", "Cancel")]
        : [new("Confirmer", "Confirmer"), new("Modifier", "Modifier"), new("Annuler", "Annuler")];

    public static IReadOnlyList<Choice> Products(string language, IReadOnlyList<string> offered) =>
        [.. offered.Select(p => new Choice(ProductTitle(p, language), ProductTitle(p, language)))];

    public static IReadOnlyList<Choice> Categories(string language) =>
        [.. CategoryOrder.Select(c => new Choice(CategoryTitle(c, language), CategoryTitle(c, language)))];

    public static IReadOnlyList<Choice> SkipPhone(string language) =>
        [new(language == LanguageDetector.English ? "Skip" : "Passer", language == LanguageDetector.English ? "Skip" : "Passer")];

    public static IReadOnlyList<Choice> NotCustomer(string language) =>
        [new(language == LanguageDetector.English ? "Not a customer" : "Pas client", language == LanguageDetector.English ? "Not a customer" : "Pas client")];

    /// <summary>The answers to "is this the ongoing incident?"; the dialog also reads "autre chose" / "something else" as no.</summary>
    public static IReadOnlyList<Choice> Incident(string language) => language == LanguageDetector.English
        ? [new("Yes, keep me posted", "Yes"), new("No, it's something else", "No, it's something else")]
        : [new("Oui, tenez-moi informé", "Oui"), new("Non, c'est autre chose", "Non, c'est autre chose")];

    /// <summary>The answers to "did this article solve it?".</summary>
    public static IReadOnlyList<Choice> SelfService(string language) => language == LanguageDetector.English
        ? [new("Yes, solved", "Yes"), new("No, open a request", "No")]
        : [new("Oui, c'est réglé", "Oui"), new("Non, ouvrir une demande", "Non")];

    private static readonly string[] CategoryOrder = ["incident", "access", "billing", "order", "complaint", "question"];

    private static readonly HashSet<string> AllValues = BuildAllValues();

    /// <summary>True when the text is exactly one of the buttons the assistant offers (a click, not free text).</summary>
    public static bool IsButtonValue(string text) => AllValues.Contains(text.Trim());

    private static HashSet<string> BuildAllValues()
    {
        var values = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        string[] products = ["vroom", "ibox", "client-space", "other"];
        foreach (var language in new[] { LanguageDetector.French, LanguageDetector.English })
        {
            IEnumerable<Choice> all = [.. Consent(language), .. Confirmation(language), .. Products(language, products),
                .. Categories(language), .. SkipPhone(language), .. NotCustomer(language), .. Incident(language), .. SelfService(language)];
            values.UnionWith(all.Select(c => c.Value));
        }
        return values;
    }

    public static string ProductTitle(string product, string language) => product switch
    {
        "vroom" => "V-room",
        "ibox" => "Ibox",
        "client-space" => language == LanguageDetector.English ? "Client space" : "Espace client",
        _ => language == LanguageDetector.English ? "Other" : "Autre",
    };

    public static string CategoryTitle(string category, string language) => (category, language) switch
    {
        ("incident", LanguageDetector.English) => "Incident",
        ("access", LanguageDetector.English) => "Access",
        ("billing", LanguageDetector.English) => "Billing",
        ("order", LanguageDetector.English) => "Order",
        ("complaint", LanguageDetector.English) => "Complaint",
        ("question", LanguageDetector.English) => "Question",
        ("incident", _) => "Incident",
        ("access", _) => "Accès",
        ("billing", _) => "Facturation",
        ("order", _) => "Commande",
        ("complaint", _) => "Réclamation",
        _ => "Question",
    };

    public static string PriorityTitle(string priority, string language) => (priority, language) switch
    {
        ("urgent", _) => "urgente",
        ("high", LanguageDetector.English) => "high",
        ("high", _) => "haute",
        ("low", LanguageDetector.English) => "low",
        ("low", _) => "basse",
        (_, LanguageDetector.English) => "normal",
        _ => "normale",
    };

    public static string StatusTitle(string status, string language) => (status, language) switch
    {
        ("new", LanguageDetector.English) => "received",
        ("open", LanguageDetector.English) => "in progress",
        ("pending", LanguageDetector.English) => "waiting for your reply",
        ("resolved", LanguageDetector.English) => "resolved",
        ("closed", LanguageDetector.English) => "closed",
        ("quarantined", LanguageDetector.English) => "under review",
        ("new", _) => "reçue",
        ("open", _) => "en cours de traitement",
        ("pending", _) => "en attente de votre réponse",
        ("resolved", _) => "résolue",
        ("closed", _) => "clôturée",
        ("quarantined", _) => "en cours de vérification",
        _ => status,
    };
}
