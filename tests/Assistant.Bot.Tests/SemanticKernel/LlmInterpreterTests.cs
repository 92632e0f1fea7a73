using System.Net;
using System.Text.Json.Nodes;
using Assistant.Bot.Tests.Channel;
using Assistant.Bot.Tests.Intake;
using Assistant.Ticketing.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Assistant.Bot.Tests.SemanticKernel;

/// <summary>
/// The LLM interpreter against a local OpenAI-compatible endpoint the test scripts: what the model proposes is
/// validated, and a slow, broken or absent model leaves the user with a working (simpler) assistant.
/// </summary>
public sealed class LlmInterpreterTests(ITestOutputHelper output) : IAsyncLifetime
{
    private ScriptedChatEndpoint _model = null!;

    public async Task InitializeAsync() => _model = await ScriptedChatEndpoint.StartAsync();

    public async Task DisposeAsync() => await _model.DisposeAsync();

    private static readonly Dictionary<string, string> Answers = new()
    {
        ["consent"] = "Accepter et valider",
        ["description"] = "La visio V-room coupe le son de tous les participants.",
        ["product"] = "V-room",
        ["category"] = "Incident",
        ["name"] = "Marie Dupont",
        ["email"] = "marie.dupont@example.fr",
        ["phone"] = "Passer",
        ["customerNumber"] = "Pas client",
        ["confirmation"] = "Confirmer",
    };

    private ChannelAppFactory Host(string endpoint)
    {
        var factory = new ChannelAppFactory();
        factory.Settings["Assistant:Llm:Endpoint"] = endpoint;
        factory.Settings["Assistant:Llm:Model"] = "scripted";
        factory.Settings["Assistant:Llm:Timeout"] = "00:00:01.5";
        return factory;
    }

    private static Ticket Stored(ChannelAppFactory factory, string reference) =>
        factory.Services.GetRequiredService<ITicketService>().Find(reference)!;

    [Fact]
    public async Task What_the_model_reads_is_kept_only_when_it_is_in_the_taxonomy_and_in_the_users_own_textAsync()
    {
        _model.Script = prompt => prompt.Contains("Paul Martin", StringComparison.Ordinal)
            ? ScriptedAnswer.Fields(new JsonObject
            {
                ["category"] = "incident",
                ["product"] = "vroom",
                ["name"] = "Paul Martin",
                ["email"] = "boss@attacker.example",  // not in the message: dropped
                ["customerNumber"] = "DGS-C1001",      // not in the message: dropped
                ["command"] = "ticketstatus",          // no reference written: ignored
            })
            : ScriptedAnswer.Fields(new JsonObject { ["category"] = "hacking", ["product"] = "mainframe" });
        using var factory = Host(_model.BaseUrl.ToString());
        var chat = await ChatSession.StartAsync(new DirectLineTestClient(factory.CreateClient()) { Log = output.WriteLine }, "dl_llm");

        await chat.SayAsync("Accepter et valider");
        await chat.SayAsync("Bonjour, ici Paul Martin. Pendant nos réunions tout le monde perd le son depuis ce matin.");
        Assert.Equal("email", chat.PendingSlot);
        var reference = await chat.AnswerUntilFiledAsync(Answers);

        var ticket = Stored(factory, reference);
        Assert.Equal("vroom", ticket.Product);
        Assert.Equal("incident", ticket.Category);
        Assert.Equal("Paul Martin", ticket.Requester.Name);
        Assert.Equal("marie.dupont@example.fr", ticket.Requester.Email);
        Assert.Null(ticket.Requester.CustomerNumber);
        Assert.True(_model.Calls > 0);
    }

    [Fact]
    public async Task The_model_calls_the_turns_tools_and_the_ticket_tool_shows_only_the_users_own_ticketsAsync()
    {
        using var factory = Host(_model.BaseUrl.ToString());
        var tickets = factory.Services.GetRequiredService<ITicketService>();
        var someoneElses = tickets.Create(new NewTicket("digisense", "Contrat confidentiel du client X", "Détails privés", "billing", "client-space",
            "normal", "test", new Requester { UserId = "dl_other", Name = "Autre Client" }, "conv-other", "none", false), new Actor("requester", "dl_other"));
        _model.Script = prompt =>
        {
            if (prompt.Contains("Quel est le statut", StringComparison.Ordinal) && !prompt.Contains("No ticket", StringComparison.Ordinal))
            {
                return ScriptedAnswer.ToolCall("tickets-get_ticket_status", new JsonObject { ["reference"] = someoneElses.Reference });
            }
            if (prompt.Contains("visio", StringComparison.Ordinal) && !prompt.Contains("moderation=", StringComparison.Ordinal))
            {
                return ScriptedAnswer.ToolCall("triage-classify", new JsonObject { ["text"] = "La visio coupe le son de tous les participants" });
            }
            return ScriptedAnswer.Fields(new JsonObject { ["product"] = prompt.Contains("product=vroom", StringComparison.Ordinal) ? "vroom" : null });
        };
        var chat = await ChatSession.StartAsync(new DirectLineTestClient(factory.CreateClient()) { Log = output.WriteLine }, "dl_tools");

        await chat.SayAsync("Accepter et valider");
        await chat.SayAsync($"Quel est le statut de mon dossier chez vous ? Pas de référence sous la main.");
        await chat.SayAsync("La visio coupe le son de tous les participants depuis ce matin.");

        var toolResults = _model.Prompts.Where(p => p.Contains("No ticket", StringComparison.Ordinal) || p.Contains("moderation=", StringComparison.Ordinal)).ToList();
        Assert.Contains(toolResults, p => p.Contains($"No ticket {someoneElses.Reference} for this user.", StringComparison.Ordinal));
        Assert.DoesNotContain(_model.Prompts, p => p.Contains("Contrat confidentiel", StringComparison.Ordinal));
        Assert.Contains(toolResults, p => p.Contains("product=vroom", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("timeout")]
    [InlineData("garbage")]
    [InlineData("error")]
    [InlineData("dead")]
    public async Task A_slow_broken_or_absent_model_falls_back_to_the_local_interpreter_and_the_ticket_is_filedAsync(string failure)
    {
        _model.Script = failure switch
        {
            "timeout" => _ => new ScriptedAnswer("{}", Delay: TimeSpan.FromSeconds(20)),
            "garbage" => _ => new ScriptedAnswer("Bien sûr ! Voici les champs : {category: incid"),
            _ => _ => new ScriptedAnswer("", Status: HttpStatusCode.InternalServerError),
        };
        // A port nobody listens on: connection refused.
        var endpoint = failure == "dead" ? "http://127.0.0.1:9/v1" : _model.BaseUrl.ToString();
        using var factory = Host(endpoint);
        var chat = await ChatSession.StartAsync(new DirectLineTestClient(factory.CreateClient()) { Log = output.WriteLine }, "dl_llm_" + failure);

        await chat.SayAsync("Accepter et valider");
        await chat.SayAsync("Mon Ibox ne synchronise plus aucun fichier depuis hier soir.");
        var reference = await chat.AnswerUntilFiledAsync(Answers);

        var ticket = Stored(factory, reference);
        Assert.Equal("ibox", ticket.Product);
        Assert.Contains("synchronise plus", ticket.Description, StringComparison.Ordinal);
        // How long a turn waits for a silent model (the timeout, never the model's 20 s) is measured by the benchmarks
        // (bench/Assistant.Bench, LlmTimeoutBenchmarks), not here: wall-clock bounds fail on a busy machine.
        if (failure != "dead")
        {
            Assert.True(_model.Calls > 0);
        }
    }
}
