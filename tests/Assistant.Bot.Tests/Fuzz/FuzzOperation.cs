using System.Text.Json.Nodes;

namespace Assistant.Bot.Tests.Fuzz;

/// <summary>One route to fuzz: its method and path template, its parameters, and the JSON body schema when it declares one.</summary>
public sealed record FuzzOperation(string Method, string Path, IReadOnlyList<FuzzParameter> Parameters, JsonObject? BodySchema, bool TakesBody)
{
    public bool IsDirectLine => Path.StartsWith("/v3/directline", StringComparison.Ordinal);

    public bool TakesActivity => Path.EndsWith("/activities", StringComparison.Ordinal) || Path == "/api/messages";

    /// <summary>Every operation of the OpenAPI document, plus the stream route it leaves out (a WebSocket).</summary>
    public static List<FuzzOperation> FromOpenApi(JsonObject document)
    {
        var schemas = document["components"]?["schemas"]?.AsObject();
        var operations = new List<FuzzOperation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (method == "parameters")
                {
                    continue;
                }

                var parameters = (operation!["parameters"]?.AsArray() ?? [])
                    .Select(p => new FuzzParameter((string)p!["name"]!, (string)p["in"]!, TypeOf(p["schema"])))
                    .ToList();
                var body = operation["requestBody"]?["content"]?["application/json"]?["schema"];
                var reference = (string?)body?["$ref"];
                var schema = reference is null ? body?.AsObject() : schemas?[reference.Split('/')[^1]]?.AsObject();
                var takesBody = method is "post" or "put" or "patch";
                operations.Add(new FuzzOperation(method.ToUpperInvariant(), path, parameters, schema, takesBody));
            }
        }

        operations.Add(new FuzzOperation("GET", "/v3/directline/conversations/{conversationId}/stream",
            [new FuzzParameter("conversationId", "path", "string"), new FuzzParameter("t", "query", "string"), new FuzzParameter("watermark", "query", "string")],
            null, TakesBody: false));
        return operations;
    }

    /// <summary>The first non-null type a schema names ("integer", "boolean", "string"…).</summary>
    public static string TypeOf(JsonNode? schema) => schema?["type"] switch
    {
        JsonArray types => types.Select(t => (string?)t).FirstOrDefault(t => t is not null and not "null") ?? "string",
        JsonValue type => (string?)type ?? "string",
        _ => "string",
    };
}

public sealed record FuzzParameter(string Name, string In, string Type);
