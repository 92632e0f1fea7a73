using System.Text.Json;
using System.Text.Json.Serialization;
using Assistant.Bot.Channel;
using Assistant.Bot.Channel.Protocol;
using Assistant.Bot.Channel.Storage;
using Assistant.Bot.Channel.Tokens;
using Assistant.Bot.Hosting;
using Assistant.Ticketing.Operators;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.WebChat;

public sealed record WebChatTokenRequest(string? Operator);

public sealed record WebChatTokenResponse(
    string Token,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ConversationId,
    string UserId,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);

/// <summary>
/// <c>POST /api/directline/token</c>: a Direct Line token for the built-in page, with no secret in the browser.
/// The visitor comes from the signed cookie, never from the body; their last conversation with the operator
/// is resumed.
/// </summary>
public static partial class WebChatTokenEndpoint
{
    public const string RateLimitPolicy = "webchat-token";

    public static async Task<IResult> IssueAsync(
        HttpContext context,
        VisitorIdentity visitors,
        ConversationStore store,
        DirectLineTokens tokens,
        IOperatorCatalog operators,
        IOptions<AssistantOptions> assistant,
        ILoggerFactory loggers)
    {
        WebChatTokenRequest? body = null;
        if (context.Request.HasJsonContentType() && context.Request.ContentLength != 0)
        {
            try
            {
                body = await context.Request.ReadFromJsonAsync<WebChatTokenRequest>(context.RequestAborted);
            }
            catch (JsonException)
            {
                return DirectLineErrors.BadSyntax("The body must be JSON like {\"operator\":\"digisense\"}.");
            }
        }

        var operatorProfile = operators.Find(body?.Operator ?? assistant.Value.DefaultOperator);
        if (operatorProfile is null)
        {
            return DirectLineErrors.Create(StatusCodes.Status400BadRequest, ErrorCodes.BadArgument, "Unknown operator.");
        }

        var userId = visitors.Resolve(context);
        var previous = store.FindLatest(userId, operatorProfile.Id);
        var conversationId = previous?.Id ?? DirectLineApi.NewConversationId();
        var token = tokens.IssueConversationToken(conversationId, userId, operatorProfile.Id);
        LogIssued(loggers.CreateLogger(typeof(WebChatTokenEndpoint).FullName!), operatorProfile.Id, conversationId, previous is not null);
        return TypedResults.Ok(new WebChatTokenResponse(token, previous?.Id, userId, tokens.LifetimeSeconds));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Web chat token for operator {OperatorId}, conversation {ConversationId} (resumed: {Resumed})")]
    private static partial void LogIssued(ILogger logger, string operatorId, string conversationId, bool resumed);
}
