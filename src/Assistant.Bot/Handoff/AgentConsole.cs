using System.Security.Claims;
using System.Text.Json;
using Assistant.Bot.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assistant.Bot.Handoff;

/// <summary>
/// The agent console: the page at <c>/agent</c> (static files under wwwroot/agent and wwwroot/console) and its
/// live feed, a Server-Sent Events stream at <c>/api/agent/events?t=…</c>. EventSource cannot send headers, so
/// the page trades its bearer token for a single-use stream token first (<c>POST /api/agent/stream-token</c>).
/// </summary>
public static partial class AgentConsole
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapAgentConsole(this IEndpointRouteBuilder app)
    {
        app.MapStaffPage("/agent", "agent/index.html");

        var group = app.MapGroup("/api/agent").WithTags("Agent console");
        group.MapPost("/stream-token", IssueStreamToken)
            .RequireAuthorization(StaffAuthSetup.AgentPolicy)
            .WithSummary("A single-use token valid 60 s for opening the live feed with EventSource");
        group.MapGet("/events", StreamAsync)
            .AllowAnonymous()
            .WithSummary("Server-Sent Events: queue (on connect), handoff and activity events of your operators")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }

    internal static Ok<StreamTokenResponse> IssueStreamToken(ClaimsPrincipal user, StreamTokens tokens) =>
        TypedResults.Ok(new StreamTokenResponse(tokens.Issue(user.Scope()), (int)StreamTokens.Lifetime.TotalSeconds));

    internal static async Task StreamAsync(
        string? t,
        HttpContext http,
        StreamTokens tokens,
        AgentFeed feed,
        HandoffDesk desk,
        IHostApplicationLifetime lifetime,
        ILoggerFactory loggers)
    {
        if (tokens.Redeem(t) is not { } scope)
        {
            await TypedResults.Problem("Unknown, used or expired stream token.", statusCode: StatusCodes.Status401Unauthorized, title: "Stream token refused")
                .ExecuteAsync(http);
            return;
        }

        var logger = loggers.CreateLogger(typeof(AgentConsole));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        using var subscription = feed.Subscribe(scope);
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        LogOpened(logger, scope.StaffId);
        try
        {
            await WriteAsync(http.Response, new FeedEvent("queue", JsonSerializer.Serialize(desk.Queue(scope, null), HandoffResponse.JsonOptions)), stop.Token);
            while (!stop.Token.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                wait.CancelAfter(KeepAlive);
                try
                {
                    var next = await subscription.Reader.ReadAsync(wait.Token);
                    await WriteAsync(http.Response, next, stop.Token);
                }
                catch (OperationCanceledException) when (!stop.Token.IsCancellationRequested)
                {
                    // A comment line keeps proxies from closing an idle stream.
                    await http.Response.WriteAsync(": keep-alive\n\n", stop.Token);
                    await http.Response.Body.FlushAsync(stop.Token);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The console closed, or the server is stopping.
        }
        catch (System.Threading.Channels.ChannelClosedException)
        {
            // Unsubscribed.
        }

        LogClosed(logger, scope.StaffId);
    }

    private static async Task WriteAsync(HttpResponse response, FeedEvent feedEvent, CancellationToken cancellationToken)
    {
        // JSON written by System.Text.Json has no raw newlines, so one data line per event is enough.
        await response.WriteAsync($"event: {feedEvent.Name}\ndata: {feedEvent.Json}\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    [LoggerMessage(EventId = 6021, Level = LogLevel.Information, Message = "Agent console feed opened by staff {StaffId}")]
    private static partial void LogOpened(ILogger logger, string staffId);

    [LoggerMessage(EventId = 6022, Level = LogLevel.Information, Message = "Agent console feed closed for staff {StaffId}")]
    private static partial void LogClosed(ILogger logger, string staffId);
}
