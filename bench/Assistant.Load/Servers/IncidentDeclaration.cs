using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Assistant.Load.Servers;

/// <summary>
/// <c>--incident</c>: an ongoing incident on one product for each operator, declared through the notices API as an
/// agent would, before the measured window; at the end, how many reports the chats linked to them.
/// </summary>
public sealed class IncidentDeclaration
{
    public static readonly string[] Operators = ["digisense", "icosnet"];

    private readonly HttpClient _http;
    private readonly Uri _server;
    private readonly string _token;
    private readonly List<string> _notices = [];

    private IncidentDeclaration(HttpClient http, Uri server, string token)
    {
        _http = http;
        _server = server;
        _token = token;
    }

    public static async Task<IncidentDeclaration> DeclareAsync(HttpClient http, AssistantServer server, string product)
    {
        using var login = await http.PostAsJsonAsync(new Uri(server.Address, "/api/auth/token"), new { email = AssistantServer.AdminEmail, password = server.AdminPassword });
        login.EnsureSuccessStatusCode();
        var token = (string)(await login.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!;
        var declaration = new IncidentDeclaration(http, server.Address, token);
        foreach (var operatorId in Operators)
        {
            using var request = declaration.Request(HttpMethod.Post, "/api/notices");
            request.Content = JsonContent.Create(new
            {
                @operator = operatorId,
                kind = "incident",
                products = new[] { product },
                messageFr = "Connexions difficiles et coupures en cours : l'équipe technique est dessus.",
                messageEn = "Connection trouble and drops under way: the technical team is on it.",
            });
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Declaring the {product} incident for {operatorId} was refused ({(int)response.StatusCode}): {body}");
            }
            declaration._notices.Add((string)JsonNode.Parse(body)!["id"]!);
        }
        return declaration;
    }

    public int Count => _notices.Count;

    /// <summary>The reports linked to the declared incidents now.</summary>
    public async Task<int> LinkedAsync()
    {
        var linked = 0;
        foreach (var id in _notices)
        {
            using var request = Request(HttpMethod.Get, $"/api/notices/{id}");
            using var response = await _http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            linked += (await response.Content.ReadFromJsonAsync<JsonObject>())!["linkedTickets"]?.AsArray().Count ?? 0;
        }
        return linked;
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(_server, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        return request;
    }
}
