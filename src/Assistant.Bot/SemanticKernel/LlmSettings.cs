namespace Assistant.Bot.SemanticKernel;

/// <summary>
/// The LLM endpoint the interpreter calls, as one immutable value: from <see cref="LlmOptions"/> at start, or an
/// admin's edit. Not a record on purpose: a generated <c>ToString</c> would print the API key into any log line.
/// </summary>
public sealed class LlmSettings
{
    public static readonly TimeSpan MinTimeout = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(60);
    public const int MaxModelLength = 100;
    public const int MaxEndpointLength = 500;

    public LlmSettings(string? endpoint, string model, string? apiKey, TimeSpan timeout)
    {
        Endpoint = string.IsNullOrWhiteSpace(endpoint) ? null : endpoint.Trim();
        Model = model.Trim();
        ApiKey = string.IsNullOrEmpty(apiKey) ? null : apiKey;
        Timeout = timeout;
    }

    /// <summary>Base URL of the OpenAI-compatible API; null: the local interpreter only.</summary>
    public string? Endpoint { get; }

    public string Model { get; }

    /// <summary>Never returned by an API, logged or audited.</summary>
    public string? ApiKey { get; }

    public TimeSpan Timeout { get; }

    public bool Enabled => Endpoint is not null;

    public static LlmSettings From(LlmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new LlmSettings(options.Endpoint, options.Model, options.ApiKey, options.Timeout);
    }

    /// <summary>What an admin's edit must meet, per field.</summary>
    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (Endpoint is not null
            && (Endpoint.Length > MaxEndpointLength
                || !Uri.TryCreate(Endpoint, UriKind.Absolute, out var url)
                || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            yield return ("endpoint", "The endpoint must be an absolute http or https URL, or empty for the local interpreter only.");
        }
        else if (Endpoint is not null && new Uri(Endpoint).UserInfo.Length > 0)
        {
            // The endpoint is shown and audited: a secret belongs in the key field.
            yield return ("endpoint", "The endpoint must not hold a user name or password; put the key in the key field.");
        }

        if (Model.Length == 0 || Model.Length > MaxModelLength || Model.Any(char.IsControl))
        {
            yield return ("model", $"The model name is required: one line of at most {MaxModelLength} characters.");
        }

        if (Timeout < MinTimeout || Timeout > MaxTimeout)
        {
            yield return ("timeoutSeconds", $"The timeout must be between {MinTimeout.TotalSeconds:0} and {MaxTimeout.TotalSeconds:0} seconds.");
        }
    }
}
