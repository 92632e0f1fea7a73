using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Assistant.Bot.Tests.Fuzz;

/// <summary>The real identities the fuzzer can use, so that some malformed requests get past authentication.</summary>
public sealed record FuzzIdentities(string AdminToken, string DirectLineSecret, string ConversationId, string ConversationToken, string UserId);

/// <summary>A request to send and how to describe it when the answer is wrong (enough to reproduce it by hand).</summary>
public sealed record FuzzRequest(HttpRequestMessage Message, string Description);

/// <summary>
/// Malformed requests for one operation from a seeded <see cref="Random"/>: odd path and query values, bad or wrong
/// tokens, bodies that are broken JSON, JSON of the wrong shape or types, huge or empty values, bad multipart, odd
/// content types. No value is a URL to another machine: a request the service accepts must not send traffic out.
/// </summary>
public sealed class RequestGenerator(Random random, FuzzIdentities identities)
{
    private static readonly string[] OddStrings =
    [
        "", " ", "\t\r\n", "null", "undefined", "0", "-1", "1e309", "99999999999999999999999999", "NaN", "true",
        "é", "🙂🙂🙂", "\u0000", "\u202e", "\ud800", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
        "' OR 1=1 --", "{{system}}", "../../etc/passwd", "%00", "%", "a/b", "DGS-000001", "ICN-999999", "digisense",
        "dl_x", "admin@example.com", "fr", "en", "Greeting", "open", "urgent", "ibox", "2026-02-30", "-0001-01-01T00:00:00Z",
        "javascript:alert(1)", new string('a', 300), new string('é', 5000),
    ];

    private static readonly string[] OddContentTypes =
    [
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data",
        "multipart/form-data; boundary=", "application/json; charset=utf-7", "application/octet-stream", "*/*",
        "application/json; charset=nope", "image/png", "application/merge-patch+json",
    ];

    private static readonly string[] BrokenJson =
    [
        "{", "[", "}", "nul", "{\"a\":}", "{\"a\" 1}", "{'a':1}", "{\"a\":1,}", "[1,2", "\"unterminated", "{\"a\":\"\\uZZZZ\"}",
        "\u00ff\u00fe", "<xml/>", "{\"type\":\"message\"} trailing", "01", "{\"a\":1}{\"b\":2}",
    ];

    public FuzzRequest Next(FuzzOperation operation)
    {
        var path = FillPath(operation);
        var query = FillQuery(operation);
        var message = new HttpRequestMessage(new HttpMethod(operation.Method), path + query);
        var auth = Authorize(message, operation);
        var bodyKind = operation.TakesBody || random.Next(10) == 0 ? Body(message, operation) : "none";
        return new FuzzRequest(message, $"{operation.Method} {Shorten(path + query)} auth={auth} body={bodyKind}");
    }

    private string FillPath(FuzzOperation operation)
    {
        var path = operation.Path;
        foreach (var parameter in operation.Parameters.Where(p => p.In == "path"))
        {
            var value = random.Next(3) == 0 ? RealValue(parameter.Name) ?? OddString() : OddString();
            path = path.Replace("{" + parameter.Name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
        }

        return path;
    }

    private string FillQuery(FuzzOperation operation)
    {
        var parts = new List<string>();
        foreach (var parameter in operation.Parameters.Where(p => p.In == "query"))
        {
            switch (random.Next(4))
            {
                case 0:
                    break; // left out
                case 1:
                    parts.Add($"{parameter.Name}={Uri.EscapeDataString(OddString())}");
                    break;
                case 2:
                    parts.Add($"{parameter.Name}={Uri.EscapeDataString(WrongScalar(parameter.Type))}");
                    break;
                default:
                    parts.Add($"{parameter.Name}={Uri.EscapeDataString(OddString())}&{parameter.Name}={Uri.EscapeDataString(OddString())}");
                    break;
            }
        }

        if (random.Next(8) == 0)
        {
            parts.Add($"{Uri.EscapeDataString(OddString())}={Uri.EscapeDataString(OddString())}");
        }

        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    private string Authorize(HttpRequestMessage message, FuzzOperation operation)
    {
        var choice = random.Next(12);
        var (kind, value) = choice switch
        {
            0 => ("none", null),
            1 => ("garbage", "Bearer " + HeaderSafe(OddString())),
            2 => ("tampered", "Bearer " + Tamper(random.Next(2) == 0 ? identities.AdminToken : identities.ConversationToken)),
            3 => ("scheme", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:admin"))),
            4 => ("empty-bearer", "Bearer "),
            // The right kind of token for the route most of the time, so the handlers themselves see the bad input.
            _ => operation.IsDirectLine
                ? random.Next(3) == 0 ? ("secret", "Bearer " + identities.DirectLineSecret) : ("conversation", "Bearer " + identities.ConversationToken)
                : ("admin", "Bearer " + identities.AdminToken),
        };
        if (value is not null)
        {
            message.Headers.TryAddWithoutValidation("Authorization", value);
        }

        return kind;
    }

    private string Body(HttpRequestMessage message, FuzzOperation operation)
    {
        // Uploads take multipart: most of theirs are broken multipart rather than broken JSON.
        var upload = operation.Path.EndsWith("/upload", StringComparison.Ordinal);
        switch (upload && random.Next(3) > 0 ? 5 : random.Next(9))
        {
            case 0:
                message.Content = Json(BrokenJson[random.Next(BrokenJson.Length)]);
                return "broken-json";
            case 1:
                message.Content = Json("");
                return "empty";
            case 2:
                message.Content = Json(new string('[', 5000) + new string(']', 5000));
                return "deep-json";
            case 3:
                message.Content = Json(random.Next(2) == 0 ? "{\"text\":\"" + new string('x', 2_000_000) + "\"}" : WrongTopLevel());
                return "huge-or-wrong-top";
            case 4:
                var odd = OddContentTypes[random.Next(OddContentTypes.Length)];
                message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Shaped(operation).ToJsonString()));
                message.Content.Headers.TryAddWithoutValidation("Content-Type", odd);
                return "content-type " + odd;
            case 5:
                message.Content = BadMultipart();
                return "bad-multipart";
            default:
                var shaped = Shaped(operation);
                message.Content = Json(shaped.ToJsonString());
                return "shaped " + Shorten(shaped.ToJsonString());
        }
    }

    /// <summary>An object with the operation's properties (or an activity's), each value a wrong type, odd, huge, empty or null.</summary>
    private JsonNode Shaped(FuzzOperation operation)
    {
        var body = new JsonObject();
        var properties = operation.BodySchema?["properties"]?.AsObject().Select(p => (p.Key, FuzzOperation.TypeOf(p.Value))).ToList()
            ?? (operation.TakesActivity
                ? [("type", "string"), ("text", "string"), ("from", "object"), ("attachments", "array"), ("channelData", "object"),
                   ("channelId", "string"), ("conversation", "object"), ("serviceUrl", "string"), ("value", "object"), ("locale", "string")]
                : [("text", "string"), ("reason", "string"), ("resolved", "boolean"), ("days", "integer")]);
        foreach (var (name, type) in properties)
        {
            if (random.Next(5) == 0)
            {
                continue;
            }

            body[name] = Value(type, depth: 0);
        }

        if (operation.TakesActivity && random.Next(2) == 0)
        {
            body["type"] = random.Next(2) == 0 ? "message" : OddString();
        }

        if (random.Next(6) == 0)
        {
            body[OddString()] = Value("string", depth: 0);
        }

        return body;
    }

    private JsonNode? Value(string type, int depth)
    {
        var roll = random.Next(10);
        if (roll == 0)
        {
            return null;
        }

        if (roll <= 3 || depth > 2)
        {
            return WrongType(type, depth);
        }

        return type switch
        {
            "integer" or "number" => JsonValue.Create(random.Next(4) switch { 0 => 0, 1 => -1, 2 => int.MaxValue, _ => random.Next(-1000, 1000) }),
            "boolean" => JsonValue.Create(random.Next(2) == 0),
            "array" => new JsonArray(Enumerable.Range(0, random.Next(4)).Select(_ => Value(random.Next(2) == 0 ? "object" : "string", depth + 1)).ToArray()),
            "object" => new JsonObject { ["id"] = Value("string", depth + 1), ["name"] = Value("string", depth + 1), ["role"] = Value("string", depth + 1) },
            _ => JsonValue.Create(OddString()),
        };
    }

    private JsonNode? WrongType(string type, int depth) => random.Next(5) switch
    {
        0 => type == "string" ? JsonValue.Create(random.Next()) : JsonValue.Create(OddString()),
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => depth > 2 ? JsonValue.Create(1.5) : new JsonArray(JsonValue.Create(OddString()), new JsonObject()),
        3 => depth > 2 ? JsonValue.Create("") : new JsonObject { ["nested"] = JsonValue.Create(OddString()) },
        _ => JsonValue.Create(random.Next(2) == 0 ? 1e300 : -0.5),
    };

    private string WrongTopLevel() => random.Next(4) switch
    {
        0 => "[]",
        1 => "\"text\"",
        2 => "42",
        _ => "null",
    };

    private HttpContent BadMultipart()
    {
        var boundary = "b" + random.Next(1000);
        var text = random.Next(4) switch
        {
            0 => $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\ncut here",
            1 => $"--other\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nx\r\n--other--",
            2 => $"--{boundary}\r\nContent-Disposition: form-data; name=\"activity\"\r\nContent-Type: application/json\r\n\r\n{{\"type\":\r\n--{boundary}--",
            _ => $"--{boundary}\r\n{new string('H', 20_000)}: v\r\n\r\nx\r\n--{boundary}--",
        };
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.TryAddWithoutValidation("Content-Type", random.Next(3) == 0 ? "multipart/form-data" : $"multipart/form-data; boundary={boundary}");
        return content;
    }

    private string? RealValue(string name) => name switch
    {
        "conversationId" => identities.ConversationId,
        "userId" => identities.UserId,
        "operatorId" => random.Next(2) == 0 ? "digisense" : "icosnet",
        "language" => random.Next(2) == 0 ? "fr" : "en",
        "key" => "Greeting",
        _ => null,
    };

    private string WrongScalar(string type) => type switch
    {
        "integer" or "number" => random.Next(3) switch { 0 => "-5", 1 => "1.5", _ => "99999999999999999999" },
        "boolean" => "maybe",
        _ => random.Next(100_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private string OddString() => OddStrings[random.Next(OddStrings.Length)];

    /// <summary>HttpClient refuses to send control or non-ASCII characters in a header; those go in other places.</summary>
    private static string HeaderSafe(string value) => new([.. value.Where(c => c is >= ' ' and <= '~')]);

    private string Tamper(string token)
    {
        var chars = token.ToCharArray();
        var at = random.Next(chars.Length);
        chars[at] = chars[at] == 'A' ? 'B' : 'A';
        return new string(chars);
    }

    private static StringContent Json(string json) => new(json, new MediaTypeHeaderValue("application/json"));

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
