using System.ComponentModel.DataAnnotations;

namespace Assistant.Bot.Mail;

/// <summary>
/// <c>Assistant:Mail</c>: the SMTP server the customers' e-mails go through. The keys at the top serve every operator;
/// <c>Assistant:Mail:Operators:{operatorId}:…</c> overrides any of them for one operator. No <c>Host</c> for an
/// operator: that operator sends no e-mail at all (nothing is even queued).
/// </summary>
public sealed class MailOptions : MailServerOptions
{
    public const string SectionName = "Assistant:Mail";

    /// <summary>The address customers reach the service at (<c>https://support.example.com</c>): the links in the mails start with it.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>How long the link that reopens the conversation works.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Attempts before a mail is given up as failed (a refused address fails at once).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 12;

    /// <summary>The wait after the first failed attempt; it doubles after each one, up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "1.00:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:00.050", "7.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(2);

    /// <summary>One SMTP conversation's time limit; an attempt cut off by a stop is taken again after twice this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the sender looks for due mails when nothing wakes it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    public Dictionary<string, MailServerOptions> Operators { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The server settings of one operator (its overrides over the shared keys), or null when it sends no mail.</summary>
    public MailServerOptions? For(string operatorId)
    {
        var own = Operators.GetValueOrDefault(operatorId);
        var merged = new MailServerOptions
        {
            Host = own?.Host ?? Host,
            Port = own?.Port ?? Port,
            UseTls = own?.UseTls ?? UseTls,
            User = own?.User ?? User,
            Password = own?.Password ?? Password,
            From = own?.From ?? From,
        };
        return string.IsNullOrWhiteSpace(merged.Host) ? null : merged;
    }

    /// <summary>The reasons the settings cannot be used; empty when they can.</summary>
    public IEnumerable<string> Problems()
    {
        var anyServer = !string.IsNullOrWhiteSpace(Host) || Operators.Values.Any(o => !string.IsNullOrWhiteSpace(o.Host));
        if (anyServer && !Uri.TryCreate(PublicUrl, UriKind.Absolute, out var url) | url?.Scheme is not ("http" or "https"))
        {
            yield return "PublicUrl (the address the links in the mails start with) must be an absolute http(s) URL when a Host is set";
        }

        foreach (var (name, server) in Operators.Select(o => (o.Key, (MailServerOptions?)o.Value)).Prepend(("", this)))
        {
            var prefix = name.Length == 0 ? "" : $"Operators:{name}:";
            if (server!.Port is < 1 or > 65535)
            {
                yield return $"{prefix}Port must be from 1 to 65535";
            }

            var effective = name.Length == 0 ? (string.IsNullOrWhiteSpace(Host) ? null : server) : For(name);
            if (effective is not null && !MimeKit.MailboxAddress.TryParse(effective.From ?? "", out _))
            {
                yield return $"{prefix}From must be an address such as \"Support <support@example.com>\" when a Host is set";
            }

            if (effective is not null && string.IsNullOrEmpty(effective.User) != string.IsNullOrEmpty(effective.Password))
            {
                yield return $"{prefix}User and Password go together";
            }
        }
    }
}

/// <summary>What differs per operator: the server, its login and the sender.</summary>
public class MailServerOptions
{
    public string? Host { get; set; }
    public int? Port { get; set; }
    /// <summary>True (default): TLS required, on connect for port 465, else STARTTLS. False: plain SMTP (a relay on the same host).</summary>
    public bool? UseTls { get; set; }
    public string? User { get; set; }
    public string? Password { get; set; }
    public string? From { get; set; }

    public int PortOrDefault => Port ?? (UseTlsOrDefault ? 587 : 25);
    public bool UseTlsOrDefault => UseTls ?? true;
}
