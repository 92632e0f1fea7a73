using System.Text.RegularExpressions;

namespace Assistant.Bot.Security;

/// <summary>
/// The security headers of every answer, set in one place just before the headers go out: nosniff and
/// <c>Referrer-Policy: no-referrer</c> everywhere; on an HTML page a Content-Security-Policy that lets our own scripts,
/// styles, images and Direct Line stream run and nothing else; on anything else a policy that allows nothing. Pages are
/// never framed (<c>frame-ancestors 'none'</c>) unless their endpoint is marked <see cref="Embeddable"/> (the chat
/// pages), which our own origin and <c>Assistant:AllowedOrigins</c> may frame. An answer that sets its own policy
/// (the sandboxed attachment download) keeps it.
/// </summary>
public static partial class SecurityHeaders
{
    /// <summary>
    /// WebChat inserts its styles at run time (emotion) and Adaptive Cards set inline styles, hence <c>'unsafe-inline'</c>
    /// for styles only; scripts come from our origin alone. Images and media may be <c>blob:</c> or <c>data:</c> (WebChat
    /// turns attachments into blob URLs), and WebChat probes for Web Worker support with a blob worker.
    /// </summary>
    private const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        + "media-src 'self' blob:; font-src 'self' data:; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; "
        + "form-action 'self'";

    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>Endpoint metadata: this page may be framed by the configured customer sites.</summary>
    public static readonly object Embeddable = new EmbeddableMarker();

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var configuration = app.ApplicationServices.GetRequiredService<IConfiguration>();
        var origins = configuration.GetSection("Assistant:AllowedOrigins").Get<string[]>() ?? [];
        var embedAncestors = string.Join(' ', ["'self'", .. origins]);
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                Apply(context, embedAncestors);
                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    private static void Apply(HttpContext context, string embedAncestors)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        // A 304 has no content type, and the browser merges its headers into the cached page's: the API policy set on
        // it would block the page's own scripts and styles on a reload. The cached page keeps the policy it came with.
        if (headers.ContentSecurityPolicy.Count > 0 || context.Response.StatusCode == StatusCodes.Status304NotModified)
        {
            return;
        }

        var isPage = context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true;
        if (!isPage)
        {
            headers.ContentSecurityPolicy = ApiPolicy;
            return;
        }

        var embeddable = context.GetEndpoint()?.Metadata.Contains(Embeddable) == true;
        headers.ContentSecurityPolicy = $"{PagePolicy}; connect-src {ConnectSources(context.Request)}; frame-ancestors {(embeddable ? embedAncestors : "'none'")}";
        if (!embeddable)
        {
            headers.XFrameOptions = "DENY"; // for browsers older than frame-ancestors
        }
    }

    /// <summary>
    /// Our origin and the Direct Line stream on it (<c>'self'</c> covers ws: and wss: only in newer browsers), and
    /// <c>blob:</c>: WebChat reads the file a visitor picks from its blob URL before uploading it.
    /// </summary>
    private static string ConnectSources(HttpRequest request)
    {
        var host = request.Host.ToUriComponent();
        return HostPattern().IsMatch(host) ? $"'self' blob: ws://{host} wss://{host}" : "'self' blob:";
    }

    [GeneratedRegex(@"^[A-Za-z0-9.\-]+(:[0-9]+)?$|^\[[0-9A-Fa-f:.]+\](:[0-9]+)?$")]
    private static partial Regex HostPattern();

    private sealed class EmbeddableMarker;
}
