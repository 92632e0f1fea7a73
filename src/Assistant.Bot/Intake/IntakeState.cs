namespace Assistant.Bot.Intake;

/// <summary>
/// Where one conversation stands in the intake dialog. Saved at the end of every turn, so a restart or a
/// user coming back later continues where they left off.
/// </summary>
public sealed class IntakeState
{
    /// <summary>The conversation id (LiteDB key).</summary>
    public string Id { get; set; } = "";
    public string OperatorId { get; set; } = "";
    public string UserId { get; set; } = "";
    public string Language { get; set; } = LanguageDetector.French;
    public IntakeStage Stage { get; set; } = IntakeStage.Idle;

    /// <summary>The slot the last bot prompt asked for, or null.</summary>
    public string? PendingSlot { get; set; }

    public TicketDraft Draft { get; set; } = new();

    /// <summary>The CGU version the last consent prompt showed: an answer counts only for the version the user read.</summary>
    public string? ConsentOffered { get; set; }

    /// <summary>Consecutive messages the dialog could not use.</summary>
    public int Misunderstood { get; set; }

    public string? LastTicketReference { get; set; }

    /// <summary>A report just linked to an incident whose requester is asked for an e-mail (the one question it may take).</summary>
    public string? LinkedReportAwaitingEmail { get; set; }

    /// <summary>The user's name as a Bot Framework channel gives it (Teams): offered when the name is asked, never used unanswered.</summary>
    public string? ChannelUserName { get; set; }

    /// <summary>Set by the dialog when the conversation should go to a person; the turn pipeline hands it off and clears it.</summary>
    public EscalationRequest? Escalation { get; set; }

    /// <summary>The ticket just rated: the next message may be the comment that goes with the rating.</summary>
    public string? SatisfactionPending { get; set; }

    public DateTimeOffset? SatisfactionAskedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Why the dialog wants a person to take over, and the ticket concerned if one was just filed.</summary>
public sealed class EscalationRequest
{
    public string Reason { get; set; } = EscalationReasons.UserRequest;
    public string? TicketReference { get; set; }
}

public static class EscalationReasons
{
    public const string UserRequest = "user-request";
    public const string NotUnderstood = "not-understood";
    public const string UrgentContract = "urgent-contract";
    public const string AgentPickup = "agent-pickup";
}

public enum IntakeStage
{
    /// <summary>Nothing in progress; the next problem described starts a draft.</summary>
    Idle,
    Collecting,
    Confirming,
}

/// <summary>What the user has told so far about the ticket to file.</summary>
public sealed class TicketDraft
{
    public string? Description { get; set; }
    public string? Category { get; set; }
    public bool CategoryConfirmed { get; set; }
    public string? Product { get; set; }
    public bool ProductConfirmed { get; set; }
    public string? Priority { get; set; }
    public string? PriorityDecidedBy { get; set; }
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public bool PhoneSkipped { get; set; }
    public string? CustomerNumber { get; set; }
    /// <summary>The user said they have no customer number.</summary>
    public bool NotCustomer { get; set; }
    public bool CustomerVerified { get; set; }
    public string ContractTier { get; set; } = "none";
    public bool VerificationAttempted { get; set; }
    /// <summary>Moderation said to quarantine the ticket this draft becomes.</summary>
    public bool Quarantine { get; set; }
    public List<DraftAttachment> Attachments { get; set; } = [];
    /// <summary>The service notices already told about this problem (each is told once).</summary>
    public List<string> NoticesTold { get; set; } = [];
    /// <summary>The incident notice the user was just asked about, until they answer.</summary>
    public string? OfferedIncident { get; set; }
    /// <summary>Help articles were looked for (once per problem).</summary>
    public bool SelfServiceTried { get; set; }
    /// <summary>The articles just offered (ids), until the user says whether they helped.</summary>
    public List<string> OfferedArticles { get; set; } = [];
    /// <summary>The self-service outcome record of that offer.</summary>
    public string? SelfServiceOutcome { get; set; }
    /// <summary>Articles the user said did not help ("title (id, link)"): noted on the ticket.</summary>
    public List<string> ArticlesNotHelpful { get; set; } = [];
}

public sealed class DraftAttachment
{
    public string Name { get; set; } = "";
    public string ContentType { get; set; } = "";
    public string Url { get; set; } = "";
}
