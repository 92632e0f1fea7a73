using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bot.Tests.SemanticKernel;

/// <summary>
/// A local OpenAI-compatible chat endpoint (<c>POST /v1/chat/completions</c>) on a free port. The test scripts
/// what it answers from the user's message: structured fields, garbage, or a long silence.
/// </summary>
public sealed class ScriptedChatEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _calls;

    private ScriptedChatEndpoint(WebApplication app) => _app = app;

    /// <summary>Chooses the answer to one request from the user's message (the last user turn of the prompt).</summary>
    public Func<string, ScriptedAnswer> Script { get; set; } = _ => ScriptedAnswer.Fields(new JsonObject());

    public int Calls => _calls;

    /// <summary>The prompt text of every request, in order (tool results included).</summary>
    public List<string> Prompts { get; } = [];

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<ScriptedChatEndpoint> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var endpoint = new ScriptedChatEndpoint(app);
        app.MapPost("/v1/chat/completions", endpoint.AnswerAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        endpoint.BaseUrl = new Uri(address + "/v1");
        return endpoint;
    }

    private async Task AnswerAsync(HttpContext context)
    {
        Interlocked.Increment(ref _calls);
        var request = await JsonNode.ParseAsync(context.Request.Body);
        var prompt = string.Join("\n", request!["messages"]!.AsArray().Select(m => (string?)m!["content"]));
        lock (Prompts)
        {
            Prompts.Add(prompt);
        }
        var answer = Script(prompt);
        if (answer.Delay > TimeSpan.Zero)
        {
            await Task.Delay(answer.Delay, context.RequestAborted);
        }
        if (answer.Status != HttpStatusCode.OK)
        {
            context.Response.StatusCode = (int)answer.Status;
            return;
        }
        var message = answer.ToolName is null
            ? new JsonObject { ["role"] = "assistant", ["content"] = answer.Content }
            : new JsonObject
            {
                ["role"] = "assistant",
                ["content"] = null,
                ["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["id"] = "call_" + _calls,
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = answer.ToolName, ["arguments"] = answer.Content },
                }),
            };
        var completion = new JsonObject
        {
            ["id"] = "chatcmpl-test",
            ["object"] = "chat.completion",
            ["created"] = 1_790_000_000,
            ["model"] = "scripted",
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = message,
                ["finish_reason"] = answer.ToolName is null ? "stop" : "tool_calls",
            }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 10, ["total_tokens"] = 20 },
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(completion.ToJsonString(), context.RequestAborted);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <param name="ToolName">When set, the answer is a call of that tool with <paramref name="Content"/> as its JSON arguments.</param>
public sealed record ScriptedAnswer(string Content, TimeSpan Delay = default, HttpStatusCode Status = HttpStatusCode.OK, string? ToolName = null)
{
    public static ScriptedAnswer Fields(JsonObject fields) => new(fields.ToJsonString(new JsonSerializerOptions()));

    public static ScriptedAnswer ToolCall(string name, JsonObject arguments) => new(arguments.ToJsonString(), ToolName: name);
}
