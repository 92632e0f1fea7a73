using System.Text.Json;
using System.Text.Json.Serialization;
using Assistant.Bot.Channel;
using Assistant.Bot.Channel.Protocol;
using Assistant.Bot.Channel.Storage;
using Assistant.Bot.Channel.Tokens;
using Assistant.Bot.Hosting;
using Assistant.Bot.Mail;
using Assistant.Ticketing.Operators;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.WebChat;

/// <param name="Resume">The token of a mail's link (<see cref="MailLinks"/>): that conversation is reopened, as its own user.</param>
public sealed record WebChatTokenRequest(string? Operator, string? Resume = null);

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
        MailLinks mailLinks,
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

        if (body?.Resume is { } resume)
        {
            return Resume(resume, operatorProfile.Id, store, tokens, mailLinks, loggers);
        }

        var userId = visitors.Resolve(context);
        var previous = store.FindLatest(userId, operatorProfile.Id);
        var conversationId = previous?.Id ?? DirectLineApi.NewConversationId();
        var token = tokens.IssueConversationToken(conversationId, userId, operatorProfile.Id);
        LogIssued(loggers.CreateLogger(typeof(WebChatTokenEndpoint).FullName!), operatorProfile.Id, conversationId, previous is not null);
        return TypedResults.Ok(new WebChatTokenResponse(token, previous?.Id, userId, tokens.LifetimeSeconds));
    }

    /// <summary>
    /// A mail's link: a token for the one conversation it names, as the user it was written to. The visitor's cookie is left
    /// alone, so the link opens that conversation only and the browser's own visitor is unchanged.
    /// </summary>
    private static IResult Resume(string resume, string operatorId, ConversationStore store, DirectLineTokens tokens, MailLinks mailLinks, ILoggerFactory loggers)
    {
        var claims = mailLinks.Read(resume, MailLinks.Resume);
        var conversation = claims is null || claims.OperatorId != operatorId ? null : store.Find(claims.ConversationId);
        if (claims is null || conversation is null || conversation.UserId != claims.UserId || conversation.OperatorId != operatorId)
        {
            return DirectLineErrors.Create(StatusCodes.Status403Forbidden, ErrorCodes.TokenExpired, "This link has expired or is not valid for this page.");
        }

        var token = tokens.IssueConversationToken(conversation.Id, conversation.UserId, operatorId);
        LogResumed(loggers.CreateLogger(typeof(WebChatTokenEndpoint).FullName!), operatorId, conversation.Id);
        return TypedResults.Ok(new WebChatTokenResponse(token, conversation.Id, conversation.UserId, tokens.LifetimeSeconds));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Web chat token from a mail link for operator {OperatorId}, conversation {ConversationId}")]
    private static partial void LogResumed(ILogger logger, string operatorId, string conversationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Web chat token for operator {OperatorId}, conversation {ConversationId} (resumed: {Resumed})")]
    private static partial void LogIssued(ILogger logger, string operatorId, string conversationId, bool resumed);
}
