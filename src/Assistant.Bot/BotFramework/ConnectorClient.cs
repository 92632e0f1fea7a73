using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Assistant.Bot.Channel.Activities;

namespace Assistant.Bot.BotFramework;

/// <summary>How one call to the Connector ended.</summary>
public enum ConnectorOutcome
{
    Sent,

    /// <summary>Worth trying again: network failure, timeout, 408, 429 or 5xx.</summary>
    Transient,

    /// <summary>The Connector refused this activity for good (another 4xx): trying again would not help.</summary>
    Refused,
}

/// <summary>The Bot Connector REST API at a conversation's serviceUrl: ReplyToActivity and SendToConversation.</summary>
public sealed class ConnectorClient(IHttpClientFactory http, ConnectorTokens tokens)
{
    public async Task<(ConnectorOutcome Outcome, int? StatusCode)> SendAsync(
        ChannelReference reference, Activity activity, CancellationToken cancellationToken)
    {
        var path = $"v3/conversations/{Uri.EscapeDataString(reference.ChannelConversationId)}/activities";
        if (activity.ReplyToId is { Length: > 0 } replyTo)
        {
            path += "/" + Uri.EscapeDataString(replyTo);
        }

        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(WithSlash(reference.ServiceUrl)), path))
            {
                Content = new StringContent(JsonSerializer.Serialize(activity, ActivityJson.Options), Encoding.UTF8, "application/json"),
            };
            if (await tokens.GetAsync(reference.AppId, cancellationToken) is { } token)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await http.CreateClient(BotFrameworkServices.HttpClientName).SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                tokens.Invalidate(reference.AppId);
            }

            return response.IsSuccessStatusCode ? (ConnectorOutcome.Sent, status)
                : status is 401 or 408 or 429 or >= 500 ? (ConnectorOutcome.Transient, status)
                : (ConnectorOutcome.Refused, status);
        }
        catch (HttpRequestException ex)
        {
            return (ConnectorOutcome.Transient, ex.StatusCode is { } code ? (int)code : null);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (ConnectorOutcome.Transient, null); // the HttpClient's timeout
        }
    }

    /// <summary>Relative paths resolve under the serviceUrl only when it ends with a slash.</summary>
    private static string WithSlash(string serviceUrl) => serviceUrl.EndsWith('/') ? serviceUrl : serviceUrl + "/";
}
