using System.Security.Claims;
using Assistant.Bot.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assistant.Bot.Handoff;

/// <summary>
/// The handoff API of DESIGN.md, for the agent console and outside tools. Unknown conversations and other
/// operators' conversations are 404 alike; a conversation someone else took, or a completed handoff, is 409.
/// </summary>
public static class HandoffApi
{
    public static IEndpointRouteBuilder MapHandoffApi(this IEndpointRouteBuilder app)
    {
        var handoffs = app.MapGroup("/api/handoffs")
            .WithTags("Handoff")
            .RequireAuthorization(StaffAuthSetup.AgentPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        handoffs.MapGet("/", List).WithSummary("The queue: pending and active handoffs of your operators, most urgent and earliest due first");
        handoffs.MapGet("/{conversationId}", Get).WithSummary("One conversation: its handoff (null if the bot has it) and its transcript");
        handoffs.MapPost("/{conversationId}/accept", AcceptAsync).WithSummary("Takes the conversation; 409 when someone else has it or the handoff is completed");
        handoffs.MapPost("/{conversationId}/complete", CompleteAsync).WithSummary("Gives the conversation back to the assistant; {resolved: true} also resolves the ticket");

        var conversations = app.MapGroup("/api/conversations")
            .WithTags("Handoff")
            .RequireAuthorization(StaffAuthSetup.AgentPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        conversations.MapPost("/{conversationId}/messages", SendAsync).WithSummary("The agent's reply, into the user's chat under the agent's name");
        conversations.MapPost("/{conversationId}/typing", TypingAsync).WithSummary("Shows the user that the agent is typing");
        return app;
    }

    internal static Results<Ok<IReadOnlyList<HandoffResponse>>, ValidationProblem> List(string? state, ClaimsPrincipal user, HandoffDesk desk)
    {
        if (state is not null and not HandoffStates.Pending and not HandoffStates.Active)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["state"] = ["Use pending or active."] });
        }

        return TypedResults.Ok(desk.Queue(user.Scope(), state));
    }

    internal static Results<Ok<ConversationView>, ProblemHttpResult> Get(string conversationId, ClaimsPrincipal user, HandoffDesk desk) =>
        desk.View(conversationId, user.Scope()) is { } view ? TypedResults.Ok(view) : NotFound();

    internal static async Task<Results<Ok<HandoffResponse>, ProblemHttpResult>> AcceptAsync(
        string conversationId, ClaimsPrincipal user, HandoffDesk desk, CancellationToken cancellationToken) =>
        ToResult(await desk.AcceptAsync(conversationId, user.Scope(), cancellationToken));

    internal static async Task<Results<Ok<HandoffResponse>, ProblemHttpResult>> CompleteAsync(
        string conversationId, CompleteRequest? request, ClaimsPrincipal user, HandoffDesk desk, CancellationToken cancellationToken) =>
        ToResult(await desk.CompleteAsync(conversationId, user.Scope(), request?.Resolved == true, cancellationToken));

    internal static async Task<Results<Ok<MessageSent>, ValidationProblem, ProblemHttpResult>> SendAsync(
        string conversationId, AgentMessageRequest request, ClaimsPrincipal user, HandoffDesk desk, CancellationToken cancellationToken)
    {
        var text = request.Text?.Trim() ?? "";
        if (text.Length == 0 || text.Length > HandoffDesk.MaxMessageLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["text"] = [$"Write between 1 and {HandoffDesk.MaxMessageLength} characters."],
            });
        }

        var result = await desk.SendAsync(conversationId, user.Scope(), text, cancellationToken);
        return result.Status == StatusCodes.Status200OK ? TypedResults.Ok(new MessageSent(result.ActivityId!)) : Problem(result);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> TypingAsync(
        string conversationId, ClaimsPrincipal user, HandoffDesk desk, CancellationToken cancellationToken)
    {
        var result = await desk.TypingAsync(conversationId, user.Scope(), cancellationToken);
        return result.Status == StatusCodes.Status200OK ? TypedResults.NoContent() : Problem(result);
    }

    private static Results<Ok<HandoffResponse>, ProblemHttpResult> ToResult(DeskResult result) =>
        result.Status == StatusCodes.Status200OK ? TypedResults.Ok(HandoffResponse.From(result.Handoff!)) : Problem(result);

    private static ProblemHttpResult Problem(DeskResult result) => result.Status == StatusCodes.Status404NotFound
        ? NotFound()
        : TypedResults.Problem(result.Problem, statusCode: result.Status, title: "Handoff conflict");

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem("No such conversation among your operators.", statusCode: StatusCodes.Status404NotFound, title: "Conversation not found");
}

public sealed record MessageSent(string Id);
