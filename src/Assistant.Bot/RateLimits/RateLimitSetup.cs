using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Assistant.Bot.Channel.Protocol;
using Assistant.Bot.Channel.Tokens;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.RateLimits;

/// <summary>
/// Rate limits of the chat and staff endpoints (<see cref="RateLimitOptions"/>), as one chain that every request goes
/// through: a posted activity counts against its conversation and its visitor, an upload against its conversation, a
/// staff call against its staff member. Each is partitioned by conversation, token user or login, never by address
/// alone, so one flooding visitor is slowed down without touching the others behind the same proxy. A refused request
/// is 429 with <c>Retry-After</c> (logged as a 429 by the request log); nothing of it is stored, but a visitor's refused
/// messages count towards a flood strike (<see cref="FloodStrikes"/>).
/// </summary>
public static class RateLimitSetup
{
    private const string None = "";

    private static readonly string[] StaffPrefixes = ["/api/handoffs", "/api/conversations", "/api/agent", "/api/tickets", "/api/inbox"];

    public static IServiceCollection AddAssistantRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>()
            .Bind(configuration.GetSection(RateLimitOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<FloodStrikes>();
        services.AddSingleton(_ => new RateLimitChain(
            PartitionedRateLimiter.Create<HttpContext, string>(context => Bucket(context, MessageConversation(context), o => o.MessagesPerConversation)),
            PartitionedRateLimiter.Create<HttpContext, string>(context => Bucket(context, MessageVisitor(context), o => o.MessagesPerVisitor)),
            PartitionedRateLimiter.Create<HttpContext, string>(context => Bucket(context, UploadConversation(context), o => o.UploadsPerConversation)),
            PartitionedRateLimiter.Create<HttpContext, string>(context => Bucket(context, StaffMember(context), o => o.StaffRequests))));
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectAsync;
        });
        services.AddOptions<RateLimiterOptions>().Configure<RateLimitChain>((limiter, chain) => limiter.GlobalLimiter = chain.Limiter);
        return services;
    }

    private static RateLimitPartition<string> Bucket(HttpContext context, string key, Func<RateLimitOptions, RateLimit> pick)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        if (key == None || !options.Enabled)
        {
            return RateLimitPartition.GetNoLimiter(None);
        }

        var limit = pick(options);
        return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit.Burst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromTicks(TimeSpan.TicksPerMinute / limit.PerMinute),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static string MessageConversation(HttpContext context) =>
        IsDirectLinePost(context, "activities") is { } conversationId ? "conversation:" + conversationId : None;

    private static string UploadConversation(HttpContext context) =>
        IsDirectLinePost(context, "upload") is { } conversationId ? "upload:" + conversationId : None;

    /// <summary>The token's user; the secret holder (the operator's own servers) has no visitor limit, only the conversation's.</summary>
    private static string MessageVisitor(HttpContext context)
    {
        if (IsDirectLinePost(context, "activities") is null
            || context.Request.Headers.Authorization.ToString() is not { } header
            || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return None;
        }

        var validation = context.RequestServices.GetRequiredService<DirectLineTokens>().ValidateConversationToken(header["Bearer ".Length..].Trim());
        return validation.Status == TokenStatus.Valid ? "visitor:" + validation.Claims!.UserId : None;
    }

    private static string StaffMember(HttpContext context)
    {
        if (!StaffPrefixes.Any(prefix => context.Request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)))
        {
            return None;
        }

        return context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { Length: > 0 } staffId
            ? "staff:" + staffId
            : "address:" + context.Connection.RemoteIpAddress;
    }

    /// <summary>The conversation id of a <c>POST /v3/directline/conversations/{id}/{action}</c> the router matched.</summary>
    private static string? IsDirectLinePost(HttpContext context, string action) =>
        HttpMethods.IsPost(context.Request.Method)
        && context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern }
        && pattern.EndsWith("/conversations/{conversationId}/" + action, StringComparison.Ordinal)
        && context.Request.RouteValues["conversationId"] is string conversationId
            ? conversationId
            : null;

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        // A visitor's refused message counts towards a strike (FloodStrikes); the secret holder has none.
        if (IsDirectLinePost(context, "activities") is { } conversationId && MessageVisitor(context) is { Length: > 0 } visitor)
        {
            context.RequestServices.GetRequiredService<FloodStrikes>().Refused(visitor["visitor:".Length..], conversationId);
        }

        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 60;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var message = $"Too many requests: try again in {seconds} s.";
        var result = context.Request.Path.StartsWithSegments("/v3/directline")
            ? DirectLineErrors.Create(StatusCodes.Status429TooManyRequests, "TooManyRequests", message)
            : Results.Problem(message, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests");
        await result.ExecuteAsync(context);
    }
}
