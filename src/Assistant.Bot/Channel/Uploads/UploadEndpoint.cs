using System.Security.Cryptography;
using Assistant.Bot.Channel.Activities;
using Assistant.Bot.Channel.Protocol;
using Assistant.Bot.Channel.Storage;
using Assistant.Bot.Channel.Tokens;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Assistant.Bot.Channel.Uploads;

/// <summary>
/// <c>POST …/upload</c> in the shapes DirectLineJS and the spec use: multipart with an <c>activity</c> part and
/// <c>file</c> parts, multipart with files only, or one raw file. Files go to the data directory; the echoed
/// activity points at signed download links (an <c>&lt;img&gt;</c> cannot send a header).
/// </summary>
public static class UploadEndpoint
{
    /// <summary>Types served inline; anything else downloads, so an uploaded page or SVG never runs on our origin.</summary>
    private static readonly HashSet<string> InlineTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp", "application/pdf", "text/plain",
        "audio/mpeg", "audio/wav", "audio/ogg", "video/mp4", "video/webm",
    };

    public static async Task<IResult> UploadAsync(
        string conversationId,
        HttpRequest request,
        DirectLineTokens tokens,
        ConversationStore store,
        IncomingActivities incoming,
        IOptions<DirectLineOptions> options,
        TimeProvider time)
    {
        var (caller, conversation, error) = DirectLineApi.Authorize(request, conversationId, tokens, store, options);
        if (conversation is null)
        {
            return error!;
        }

        var limit = options.Value.MaxUploadBytes;
        var tooBig = DirectLineErrors.TooBig($"An upload may not exceed {limit} bytes.");
        if (request.ContentLength > limit)
        {
            return tooBig;
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        List<UploadedFile> files;
        Activity activity;
        try
        {
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
                var activityPart = form.Files.GetFile("activity");
                if (activityPart is not null)
                {
                    using var activityReader = new StreamReader(activityPart.OpenReadStream());
                    var (parsed, parseError) = DirectLineApi.ParseActivity(await activityReader.ReadToEndAsync());
                    if (parsed is null)
                    {
                        return parseError!;
                    }

                    activity = parsed;
                }
                else
                {
                    activity = new Activity { Type = ActivityTypes.Message };
                }

                files = [.. form.Files.Where(f => f.Name == "file").Select(f => new UploadedFile(f.FileName, f.ContentType, f.OpenReadStream))];
                if (form.Files.Sum(f => f.Length) > limit)
                {
                    return tooBig;
                }
            }
            else
            {
                var disposition = ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var parsed) ? parsed : null;
                var name = HeaderUtilities.RemoveQuotes(disposition?.FileName ?? "").ToString();
                var buffered = new MemoryStream();
                await request.Body.CopyToAsync(buffered, request.HttpContext.RequestAborted);
                if (buffered.Length > limit)
                {
                    return tooBig;
                }

                buffered.Position = 0;
                activity = new Activity { Type = ActivityTypes.Message };
                files = [new UploadedFile(string.IsNullOrEmpty(name) ? "file" : name, request.ContentType ?? "application/octet-stream", () => buffered)];
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return tooBig;
        }
        catch (Exception ex) when ((ex is BadHttpRequestException or InvalidDataException or IOException) && !request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // A body cut short, a missing or overlong boundary, a part header past its limits: the client's fault, and
            // nothing was stored yet. (The size limit itself is Kestrel's 413 above.)
            return DirectLineErrors.BadSyntax("The upload is not valid multipart/form-data or was cut short.");
        }

        if (files.Count == 0)
        {
            return DirectLineErrors.MissingProperty("file");
        }

        var declared = activity.Attachments ?? [];
        var attachments = new List<Attachment>();
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            var entry = i < declared.Count ? declared[i] : new Attachment();
            var id = DirectLineTokens.Base64Url(RandomNumberGenerator.GetBytes(16));
            var path = store.AttachmentPath(id);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            long length;
            await using (var target = File.Create(path))
            await using (var source = file.Open())
            {
                await source.CopyToAsync(target, request.HttpContext.RequestAborted);
                length = target.Length;
            }

            var contentType = string.IsNullOrWhiteSpace(entry.ContentType) ? file.ContentType : entry.ContentType;
            store.SaveAttachment(new AttachmentRecord
            {
                Id = id,
                ConversationId = conversationId,
                ContentType = contentType,
                Name = entry.Name ?? file.Name,
                Length = length,
                CreatedAt = time.GetUtcNow().UtcDateTime,
            });
            entry.ContentType = contentType;
            entry.Name ??= file.Name;
            entry.ContentUrl = DownloadUrl(request, tokens, id);
            attachments.Add(entry);
        }

        activity.Type = ActivityTypes.Message;
        activity.Attachments = attachments;
        return TypedResults.Ok(new ResourceResponse(await incoming.AcceptAsync(conversation, caller!, activity)));
    }

    public static IResult Download(string attachmentId, string? sig, DirectLineTokens tokens, ConversationStore store)
    {
        if (!tokens.VerifyAttachment(attachmentId, sig))
        {
            return DirectLineErrors.Create(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "Invalid attachment link.");
        }

        var attachment = store.FindAttachment(attachmentId);
        var path = store.AttachmentPath(attachmentId);
        if (attachment is null || !File.Exists(path))
        {
            return DirectLineErrors.Create(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Attachment not found.");
        }

        var inline = InlineTypes.Contains(attachment.ContentType);
        return new AttachmentResult(path, inline ? attachment.ContentType : "application/octet-stream", attachment.Name, inline);
    }

    private static string DownloadUrl(HttpRequest request, DirectLineTokens tokens, string attachmentId) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}/v3/directline/attachments/{attachmentId}/views/original?sig={tokens.SignAttachment(attachmentId)}";

    private sealed record UploadedFile(string Name, string ContentType, Func<Stream> Open);

    /// <summary>Streams the file with headers that keep the browser from running it.</summary>
    private sealed class AttachmentResult(string path, string contentType, string name, bool inline) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var headers = httpContext.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
            headers.CacheControl = "private, max-age=86400";
            var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
            disposition.SetHttpFileName(name);
            headers.ContentDisposition = disposition.ToString();
            return TypedResults.PhysicalFile(path, contentType).ExecuteAsync(httpContext);
        }
    }
}
