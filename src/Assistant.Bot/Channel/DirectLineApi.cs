using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Assistant.Bot.Channel.Activities;
using Assistant.Bot.Channel.Protocol;
using Assistant.Bot.Channel.Storage;
using Assistant.Bot.Channel.Streaming;
using Assistant.Bot.Channel.Tokens;
using Assistant.Bot.Channel.Uploads;
using Assistant.Bot.Hosting;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Channel;

/// <summary>Direct Line 3.0 at <c>/v3/directline</c>, as WebChat 4.18 and DirectLineJS 0.15 use it.</summary>
public static class DirectLineApi
{
    public const string CorsPolicy = "DirectLine";

    public static RouteGroupBuilder MapDirectLineApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v3/directline").WithTags("DirectLine").RequireCors(CorsPolicy);
        group.MapPost("/tokens/generate", GenerateTokenAsync);
        group.MapPost("/tokens/refresh", RefreshToken);
        group.MapPost("/conversations", StartConversationAsync);
        group.MapGet("/conversations/{conversationId}", ReconnectToConversation);
        group.MapGet("/conversations/{conversationId}/activities", GetActivities);
        group.MapPost("/conversations/{conversationId}/activities", PostActivityAsync);
        group.MapPost("/conversations/{conversationId}/upload", UploadEndpoint.UploadAsync).DisableAntiforgery();
        group.MapGet("/conversations/{conversationId}/stream", StreamAsync).ExcludeFromDescription();
        group.MapGet("/attachments/{attachmentId}/views/original", UploadEndpoint.Download);
        return group;
    }

    private static async Task<IResult> GenerateTokenAsync(
        HttpRequest request,
        DirectLineTokens tokens,
        IOptions<DirectLineOptions> options,
        IOptions<AssistantOptions> assistant)
    {
        if (!DirectLineCaller.MatchesSecret(DirectLineCaller.ReadBearer(request), options.Value.Secret))
        {
            return DirectLineErrors.MissingAuthorization();
        }

        var parameters = await ReadOptionalJsonAsync<TokenParameters>(request);
        var conversationId = NewConversationId();
        var userId = string.IsNullOrWhiteSpace(parameters?.User?.Id) ? NewUserId() : parameters.User.Id;
        var token = tokens.IssueConversationToken(conversationId, userId, assistant.Value.DefaultOperator);
        return TypedResults.Ok(new ConversationResponse(conversationId, token, tokens.LifetimeSeconds));
    }

    private static IResult RefreshToken(HttpRequest request, DirectLineTokens tokens)
    {
        var bearer = DirectLineCaller.ReadBearer(request);
        if (bearer is null)
        {
            return DirectLineErrors.MissingAuthorization();
        }

        var validation = tokens.ValidateConversationToken(bearer);
        if (validation.Status == TokenStatus.Expired)
        {
            return DirectLineErrors.TokenExpired();
        }

        if (validation.Claims is not { } claims || validation.Status != TokenStatus.Valid)
        {
            return DirectLineErrors.MissingAuthorization();
        }

        var token = tokens.IssueConversationToken(claims.ConversationId, claims.UserId, claims.OperatorId);
        return TypedResults.Ok(new ConversationResponse(claims.ConversationId, token, tokens.LifetimeSeconds));
    }

    private static async Task<IResult> StartConversationAsync(
        HttpRequest request,
        DirectLineTokens tokens,
        ConversationStore store,
        IncomingActivities incoming,
        IOptions<DirectLineOptions> options,
        IOptions<AssistantOptions> assistant)
    {
        var (caller, error) = DirectLineCaller.FromRequest(request, tokens, options);
        if (caller is null)
        {
            return error!;
        }

        var parameters = await ReadOptionalJsonAsync<TokenParameters>(request);
        var locale = parameters?.Locale;
        string conversationId, userId, operatorId, token;
        if (caller.Token is { } claims)
        {
            (conversationId, userId, operatorId) = (claims.ConversationId, claims.UserId, claims.OperatorId);
            token = DirectLineCaller.ReadBearer(request)!;
        }
        else
        {
            conversationId = NewConversationId();
            userId = string.IsNullOrWhiteSpace(parameters?.User?.Id) ? NewUserId() : parameters.User.Id;
            operatorId = assistant.Value.DefaultOperator;
            token = tokens.IssueConversationToken(conversationId, userId, operatorId);
        }

        var expiresIn = ExpiresIn(caller, tokens);
        if (!await store.TryCreateAsync(conversationId, userId, operatorId, locale))
        {
            var existing = store.Find(conversationId)!;
            return existing.UserId == userId
                ? TypedResults.Ok(new ConversationResponse(conversationId, token, expiresIn, StreamUrl(request, tokens, conversationId, null)))
                : DirectLineErrors.WrongConversation();
        }

        incoming.Start(store.Find(conversationId)!);
        var response = new ConversationResponse(conversationId, token, expiresIn, StreamUrl(request, tokens, conversationId, null));
        return TypedResults.Json(response, statusCode: StatusCodes.Status201Created);
    }

    private static IResult ReconnectToConversation(
        string conversationId,
        string? watermark,
        HttpRequest request,
        DirectLineTokens tokens,
        ConversationStore store,
        IOptions<DirectLineOptions> options)
    {
        var (caller, conversation, error) = Authorize(request, conversationId, tokens, store, options);
        if (conversation is null)
        {
            return error!;
        }

        var token = caller!.IsSecret
            ? tokens.IssueConversationToken(conversation.Id, conversation.UserId, conversation.OperatorId)
            : DirectLineCaller.ReadBearer(request)!;
        return TypedResults.Ok(new ConversationResponse(
            conversationId, token, ExpiresIn(caller, tokens), StreamUrl(request, tokens, conversationId, watermark)));
    }

    private static IResult GetActivities(
        string conversationId,
        string? watermark,
        HttpRequest request,
        DirectLineTokens tokens,
        ConversationStore store,
        IOptions<DirectLineOptions> options)
    {
        var (_, conversation, error) = Authorize(request, conversationId, tokens, store, options);
        if (conversation is null)
        {
            return error!;
        }

        var after = Watermarks.Parse(watermark);
        var page = store.ReadAfter(conversationId, after);
        var last = page.Count > 0 ? page[^1].Watermark : after;
        return TypedResults.Text(
            ActivitySets.Write(page.Select(a => a.Json), Watermarks.Format(last)), "application/json; charset=utf-8");
    }

    private static async Task<IResult> PostActivityAsync(
        string conversationId,
        HttpRequest request,
        DirectLineTokens tokens,
        ConversationStore store,
        IncomingActivities incoming,
        IOptions<DirectLineOptions> options)
    {
        var (caller, conversation, error) = Authorize(request, conversationId, tokens, store, options);
        if (conversation is null)
        {
            return error!;
        }

        var maxChars = options.Value.MaxActivityChars;
        if (request.ContentLength > maxChars * 4L)
        {
            return DirectLineErrors.TooBig($"An activity may not exceed {maxChars} characters.");
        }

        string body;
        using (var reader = new StreamReader(request.Body))
        {
            // Pooled: a fresh buffer of the largest activity on every post was most of what a turn allocated (a large
            // object each time, so a full collection every second or two under load).
            var buffer = ArrayPool<char>.Shared.Rent(maxChars + 1);
            try
            {
                var read = await reader.ReadBlockAsync(buffer.AsMemory(0, maxChars + 1), request.HttpContext.RequestAborted);
                if (read > maxChars)
                {
                    return DirectLineErrors.TooBig($"An activity may not exceed {maxChars} characters.");
                }
                body = new string(buffer, 0, read);
            }
            finally
            {
                ArrayPool<char>.Shared.Return(buffer);
            }
        }

        var (activity, parseError) = ParseActivity(body);
        return activity is null ? parseError! : TypedResults.Ok(new ResourceResponse(await incoming.AcceptAsync(conversation, caller!, activity)));
    }

    /// <summary>The activity of a POST body, or the 400 that explains why not.</summary>
    public static (Activity? Activity, IResult? Error) ParseActivity(string json)
    {
        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize<Activity>(json, ActivityJson.Options);
        }
        catch (JsonException ex)
        {
            return (null, DirectLineErrors.BadSyntax($"The body is not a valid activity: {ex.Message}"));
        }

        if (activity is null)
        {
            return (null, DirectLineErrors.BadSyntax("The body must be an activity object."));
        }

        return string.IsNullOrWhiteSpace(activity.Type) ? (null, DirectLineErrors.MissingProperty("type")) : (activity, null);
    }

    private static async Task StreamAsync(
        string conversationId,
        string? t,
        string? watermark,
        HttpContext context,
        DirectLineTokens tokens,
        ConversationStore store,
        StreamSession session)
    {
        IResult? refusal = null;
        if (!context.WebSockets.IsWebSocketRequest)
        {
            refusal = DirectLineErrors.Create(StatusCodes.Status400BadRequest, ErrorCodes.BadArgument, "This URL only accepts WebSocket connections.");
        }
        else if (t is null || !tokens.TryRedeemStreamToken(t, conversationId))
        {
            refusal = DirectLineErrors.Create(StatusCodes.Status403Forbidden, ErrorCodes.TokenExpired, "The stream URL is expired or already used; get a new one from GET /conversations/{id}.");
        }
        else if (store.Find(conversationId) is null)
        {
            refusal = DirectLineErrors.ConversationNotFound();
        }

        if (refusal is not null)
        {
            await refusal.ExecuteAsync(context);
            return;
        }

        await session.RunAsync(context, conversationId, Watermarks.Parse(watermark));
    }

    /// <summary>The conversation the caller may use, or the error: 401, 403 (expired or another conversation), 404.</summary>
    public static (DirectLineCaller? Caller, ConversationRecord? Conversation, IResult? Error) Authorize(
        HttpRequest request,
        string conversationId,
        DirectLineTokens tokens,
        ConversationStore store,
        IOptions<DirectLineOptions> options)
    {
        var (caller, error) = DirectLineCaller.FromRequest(request, tokens, options);
        if (caller is null)
        {
            return (null, null, error);
        }

        if (!caller.MayUse(conversationId))
        {
            return (caller, null, DirectLineErrors.WrongConversation());
        }

        var conversation = store.Find(conversationId);
        if (conversation is null)
        {
            return (caller, null, DirectLineErrors.ConversationNotFound());
        }

        return caller.Token is { } claims && claims.UserId != conversation.UserId
            ? (caller, null, DirectLineErrors.WrongConversation())
            : (caller, conversation, null);
    }

    private static string StreamUrl(HttpRequest request, DirectLineTokens tokens, string conversationId, string? watermark)
    {
        var scheme = request.IsHttps ? "wss" : "ws";
        var query = QueryString.Create(new Dictionary<string, string?>
        {
            ["watermark"] = watermark ?? "",
            ["t"] = tokens.IssueStreamToken(conversationId),
        });
        return $"{scheme}://{request.Host}{request.PathBase}/v3/directline/conversations/{Uri.EscapeDataString(conversationId)}/stream{query}";
    }

    private static int ExpiresIn(DirectLineCaller caller, DirectLineTokens tokens) =>
        caller.Token is { } claims ? tokens.SecondsLeft(claims) : tokens.LifetimeSeconds;

    private static async Task<T?> ReadOptionalJsonAsync<T>(HttpRequest request)
        where T : class
    {
        if (request.ContentLength == 0 || !request.HasJsonContentType())
        {
            return null;
        }

        try
        {
            return await request.ReadFromJsonAsync<T>(ActivityJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string NewConversationId() => DirectLineTokens.Base64Url(RandomNumberGenerator.GetBytes(16));

    public static string NewUserId() => "dl_" + DirectLineTokens.Base64Url(RandomNumberGenerator.GetBytes(12));
}
