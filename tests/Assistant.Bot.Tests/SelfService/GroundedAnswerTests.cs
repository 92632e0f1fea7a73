using System.Text.Json.Nodes;
using Assistant.Bot.SelfService;
using Assistant.Bot.Tests.Channel;
using Assistant.Bot.Tests.Intake;
using Assistant.Bot.Tests.SemanticKernel;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Assistant.Bot.Tests.SelfService;

/// <summary>
/// The self-service answer written by a model (a local OpenAI-compatible endpoint the test scripts) from the articles
/// found, and what the user sees when the model says they do not cover the question or answers unusably.
/// </summary>
public sealed class GroundedAnswerTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Question = "Comment réinitialiser mon mot de passe ?";
    private ScriptedChatEndpoint _model = null!;
    private ChannelAppFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _model = await ScriptedChatEndpoint.StartAsync();
        _factory = new ChannelAppFactory();
        _factory.Settings["Assistant:SelfService:Enabled"] = "true";
        _factory.Settings["Assistant:Llm:Endpoint"] = _model.BaseUrl.ToString();
        _factory.Settings["Assistant:Llm:Model"] = "scripted";
        _factory.Settings["Assistant:Llm:Timeout"] = "00:00:02";
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _model.DisposeAsync();
    }

    /// <summary>The interpreter's calls get empty fields (the local reading stands); the answer's calls get <paramref name="answer"/>.</summary>
    private void Script(Func<string, ScriptedAnswer> answer) =>
        _model.Script = prompt => prompt.Contains("HELP ARTICLES", StringComparison.Ordinal) ? answer(prompt) : ScriptedAnswer.Fields(new JsonObject());

    private Task<ChatSession> StartAsync() =>
        ChatSession.StartOnPageAsync(new DirectLineTestClient(_factory.CreateClient()) { Log = output.WriteLine }, "icosnet");

    private string? AnswerPrompt() => _model.Prompts.LastOrDefault(p => p.Contains("HELP ARTICLES", StringComparison.Ordinal));

    [Fact]
    public async Task The_models_answer_from_the_found_articles_is_shown_with_its_sourceAsync()
    {
        Script(_ => ScriptedAnswer.Fields(new JsonObject
        {
            ["covered"] = true,
            ["answer"] = "Sur la page de connexion, cliquez sur « oublié » et suivez le lien reçu par e-mail.",
            ["citations"] = new JsonArray("icosnet/password-reset"),
        }));
        var chat = await StartAsync();
        await chat.SayAsync(Question);

        Assert.Equal("article", chat.PendingSlot);
        var text = ChatSession.Text(chat.LastPrompt);
        Assert.StartsWith("D'après notre aide en ligne", text, StringComparison.Ordinal);
        Assert.Contains("suivez le lien reçu par e-mail", text, StringComparison.Ordinal);
        Assert.Contains("https://apps.icosnet.com/aide/mot-de-passe-oublie", text, StringComparison.Ordinal);
        // The model was given the article found, and only the articles found.
        var prompt = AnswerPrompt()!;
        Assert.Contains("id: icosnet/password-reset", prompt, StringComparison.Ordinal);
        Assert.Contains(Question, prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("icosnet/ibox-sharing", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_model_says_the_articles_do_not_cover_it_no_article_is_shownAsync()
    {
        Script(_ => ScriptedAnswer.Fields(new JsonObject { ["covered"] = false, ["answer"] = "", ["citations"] = new JsonArray() }));
        var chat = await StartAsync();
        await chat.SayAsync(Question);

        Assert.NotNull(AnswerPrompt());
        Assert.Equal("consent", chat.PendingSlot);
        Assert.DoesNotContain(chat.BotMessages, m => (string?)m["channelData"]?["slot"] == "article");
        var log = _factory.Services.GetRequiredService<SelfServiceLog>();
        var figures = SelfServiceFigures.Count(log.Since(DateTimeOffset.MinValue), DateTimeOffset.MinValue, DateTimeOffset.UtcNow, TimeSpan.FromHours(24));
        Assert.Equal((0, 1), (figures.Offered, figures.NothingFound));
    }

    [Theory]
    [InlineData("""{"covered": true, "answer": "Appelez le 0800 000 000.", "citations": ["icosnet/made-up"]}""")]
    [InlineData("this is not JSON")]
    public async Task An_answer_citing_no_given_article_or_garbage_falls_back_to_the_extractAsync(string content)
    {
        Script(_ => new ScriptedAnswer(content));
        var chat = await StartAsync();
        await chat.SayAsync(Question);

        Assert.Equal("article", chat.PendingSlot);
        var text = ChatSession.Text(chat.LastPrompt);
        Assert.StartsWith("Notre aide en ligne répond peut-être déjà", text, StringComparison.Ordinal);
        Assert.DoesNotContain("0800", text, StringComparison.Ordinal);
        Assert.Contains("Mot de passe oublié", text, StringComparison.Ordinal);
    }
}
