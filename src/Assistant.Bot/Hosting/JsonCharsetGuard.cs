using Microsoft.Net.Http.Headers;

namespace Assistant.Bot.Hosting;

/// <summary>
/// Every JSON body here is read as UTF-8; a JSON request declaring another charset (or one .NET does not know) is
/// answered 415 before a handler tries to decode it, instead of the 500 the minimal-API body reader throws.
/// </summary>
public static class JsonCharsetGuard
{
    public static IApplicationBuilder UseJsonCharsetGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type)
            && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
            && type.Charset.HasValue
            && !type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            && !type.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            await Results.Problem(
                    $"JSON bodies are read as UTF-8; charset '{type.Charset}' is not supported.",
                    statusCode: StatusCodes.Status415UnsupportedMediaType,
                    title: "Unsupported charset")
                .ExecuteAsync(context);
            return;
        }

        await next(context);
    });
}
