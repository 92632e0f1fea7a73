using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Assistant.Bot.Hosting;

/// <summary>
/// The <c>Assistant:Proxy</c> section: the reverse proxies (nginx terminating TLS) whose <c>X-Forwarded-*</c> headers
/// are believed. Empty (the default): the headers are ignored, whoever sends them.
/// </summary>
public sealed class ProxyOptions : IValidatableObject
{
    public const string SectionName = "Assistant:Proxy";

    /// <summary>Addresses of the proxies, such as <c>10.0.0.5</c>; loopback is added once any is set.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks the proxies are in, in CIDR form, such as <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    public bool Enabled => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            yield return new ValidationResult($"Assistant:Proxy:KnownProxies: '{proxy}' is not an IP address (such as 10.0.0.5 or ::1)");
        }

        foreach (var network in KnownNetworks.Where(n => !IPNetwork.TryParse(n, out _)))
        {
            yield return new ValidationResult($"Assistant:Proxy:KnownNetworks: '{network}' is not a network in CIDR form (such as 10.0.0.0/24)");
        }
    }
}
