namespace Assistant.Bot.Intake;

/// <summary>
/// What an interpreter understood from one message. Every field is a proposal: the dialog validates each
/// against the taxonomy and the conversation before storing it.
/// </summary>
public sealed record Interpretation(
    Command Command,
    ExtractedEntities Entities,
    string? Category,
    string? Product,
    bool IsCorrection,
    string Interpreter);

/// <summary>Turns a user message into an <see cref="Interpretation"/>. The local one needs no network; the LLM one falls back to it.</summary>
public interface IIntakeInterpreter
{
    Task<Interpretation> InterpretAsync(string text, IntakeState state, CancellationToken cancellationToken);
}
