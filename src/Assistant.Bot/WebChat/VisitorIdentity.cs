using System.Security.Cryptography;
using Assistant.Bot.Channel;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.WebChat;

/// <summary>
/// The returning visitor's user id, kept in an HttpOnly cookie protected by ASP.NET Data Protection. The id is
/// only ever read from a cookie the server itself signed, so nobody can claim another visitor's id.
/// </summary>
public sealed class VisitorIdentity(IDataProtectionProvider protection, IOptions<WebChatOptions> options, TimeProvider time)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Assistant.WebChat.Visitor.v1");

    /// <summary>The visitor's id from a valid cookie, or a new one; the cookie is (re)issued either way.</summary>
    public string Resolve(HttpContext context)
    {
        var name = options.Value.VisitorCookieName;
        var userId = Read(context.Request.Cookies[name]) ?? DirectLineApi.NewUserId();
        context.Response.Cookies.Append(name, _protector.Protect(userId), new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            Path = "/",
            Secure = context.Request.IsHttps,
            // In a customer site's iframe the cookie is third-party: only SameSite=None (which needs HTTPS) lets it through.
            SameSite = context.Request.IsHttps ? SameSiteMode.None : SameSiteMode.Lax,
            Expires = time.GetUtcNow() + options.Value.VisitorCookieLifetime,
        });
        return userId;
    }

    private string? Read(string? cookie)
    {
        if (string.IsNullOrEmpty(cookie))
        {
            return null;
        }

        try
        {
            var userId = _protector.Unprotect(cookie);
            return userId.StartsWith("dl_", StringComparison.Ordinal) ? userId : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
