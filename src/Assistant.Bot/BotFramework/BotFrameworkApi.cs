using System.Text.Json;
using Assistant.Bot.Channel.Activities;

namespace Assistant.Bot.BotFramework;

/// <summary>
/// <c>POST /api/messages</c>, the messaging endpoint an Azure Bot Service registration points at. An activity is
/// authenticated, accepted and answered at once (202); the bot's replies go out later through the Connector. With
/// <c>deliveryMode: expectReplies</c> the request waits for the turn and its replies come back in the response.
/// </summary>
public static partial class BotFrameworkApi
{
    public const string Path = "/api/messages";

    public static RouteHandlerBuilder MapBotFrameworkApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, ReceiveAsync).WithTags("BotFramework").DisableAntiforgery();

    private static async Task<IResult> ReceiveAsync(HttpRequest request, InboundAuthenticator authenticator, ChannelActivities activities, ILoggerFactory loggers)
    {
        Activity? activity;
        try
        {
            activity = await JsonSerializer.DeserializeAsync<Activity>(request.Body, ActivityJson.Options, request.HttpContext.RequestAborted);
        }
        catch (JsonException)
        {
            return Error(StatusCodes.Status400BadRequest, "BadSyntax", "The body is not a JSON activity.");
        }

        if (activity is null || string.IsNullOrWhiteSpace(activity.Type))
        {
            return Error(StatusCodes.Status400BadRequest, "MissingProperty", "The activity has no type.");
        }

        var proxied = request.Headers.ContainsKey("X-Forwarded-For") || request.Headers.ContainsKey("Forwarded");
        var check = await authenticator.CheckAsync(
            request.Headers.Authorization.FirstOrDefault(), activity, request.HttpContext.Connection.RemoteIpAddress, proxied, request.HttpContext.RequestAborted);
        if (!check.IsAllowed)
        {
            return TypedResults.StatusCode(check.StatusCode);
        }

        if (string.IsNullOrWhiteSpace(activity.ChannelId) || string.IsNullOrWhiteSpace(activity.Conversation?.Id)
            || !Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl) || serviceUrl.Scheme is not ("https" or "http"))
        {
            return Error(StatusCodes.Status400BadRequest, "MissingProperty", "The activity needs channelId, conversation.id and an http(s) serviceUrl.");
        }

        if (activity.Type == ActivityTypes.Invoke)
        {
            // No invoke (card actions, Teams task modules, sign-in) is implemented: the protocol's answer is 501.
            return Error(StatusCodes.Status501NotImplemented, "NotImplemented", $"The invoke '{activity.Name}' is not supported by this bot.");
        }

        var expectReplies = activity.Extra?.TryGetValue("deliveryMode", out var mode) == true && mode.ValueKind == JsonValueKind.String && mode.GetString() == "expectReplies";
        var awaited = await activities.AcceptAsync(activity, check.Registration, expectReplies);
        if (!expectReplies)
        {
            return TypedResults.Accepted((string?)null);
        }

        if (awaited is not null)
        {
            try
            {
                await awaited.Ended.WaitAsync(request.HttpContext.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The replies are in the log (agents, export see them), but they are not the Connector's to send.
                LogCallerLeft(loggers.CreateLogger(typeof(BotFrameworkApi).FullName!), awaited.ConversationId);
                return TypedResults.Empty;
            }
        }

        var replies = awaited is null ? [] : activities.RepliesOf(awaited);
        return TypedResults.Json(new ExpectedReplies(replies), ActivityJson.Options);
    }

    /// <summary>The body of an expectReplies response, as the Bot Framework protocol names it.</summary>
    public sealed record ExpectedReplies(IReadOnlyList<Activity> Activities);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The caller of an expectReplies turn on conversation {ConversationId} left before it ended: its replies stay in the log, unsent")]
    private static partial void LogCallerLeft(ILogger logger, string conversationId);

    private static IResult Error(int status, string code, string message) =>
        TypedResults.Json(new { error = new { code, message } }, statusCode: status);
}
