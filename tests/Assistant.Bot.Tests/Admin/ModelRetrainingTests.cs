using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Assistant.Bot.Tests.Intake;

namespace Assistant.Bot.Tests.Admin;

/// <summary>
/// Retraining from the admin console: relabelled messages join the shipped data, the new set is saved beside the
/// served one (never promoted by itself) with the served set's metrics on the same held-out rows, and can be discarded.
/// The host trains on a slice of the shipped files in a model folder of its own (<see cref="RetrainingSandbox"/>).
/// </summary>
public sealed class ModelRetrainingTests : IDisposable
{
    // Praise in slang, the kind the models get wrong (README, "where the models fall short"). The test relabels those the
    // served set refuses as ok; should the served set already take most of them as ok, it relabels them "offtopic"
    // instead: either way the retraining must learn labels the served set does not give. None is a row of the shipped
    // data, so all of them join the training split (a relabel that repeats a held-out row is left out, tested in the
    // moderation tests).
    private static readonly string[] Praise =
    [
        "Franchement votre support c'est de la bombe",
        "Cette mise à jour déchire, vous avez assuré grave",
        "Votre équipe a tué le game avec cette mise à jour, bravo",
        "Votre technicien est un vrai tueur, il a tout réglé en dix minutes",
        "Cette appli c'est une dinguerie, vous êtes des malades",
        "Le nouveau tableau de bord est une tuerie, vous avez explosé le niveau",
    ];

    private readonly RetrainingSandbox _sandbox = new();
    private readonly AdminHost _host;
    private readonly string _served;

    public ModelRetrainingTests()
    {
        _served = _sandbox.ServedVersion;
        _host = new AdminHost(new Dictionary<string, string?>(_sandbox.Settings));
    }

    public void Dispose()
    {
        _host.Dispose();
        _sandbox.Dispose();
    }

    private async Task<JsonObject> WaitForTrainingAsync(HttpClient admin)
    {
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (true)
        {
            var status = (await admin.GetFromJsonAsync<JsonObject>("/api/admin/models/training"))!;
            if ((string)status["state"]! != "running" || DateTime.UtcNow > deadline)
            {
                return status;
            }

            await Task.Delay(500);
        }
    }

    [Fact]
    public async Task A_retrained_set_decides_the_relabelled_messages_as_relabelled_where_the_served_set_did_not_is_compared_on_the_same_held_out_rows_and_can_be_discardedAsync()
    {
        var chat = await ChatSession.StartAsync(_host.DirectLine, "dl_retrain");
        var agent = await _host.AgentAsync();
        var served = new Dictionary<string, string>();
        foreach (var text in Praise)
        {
            using var analysed = await agent.PostAsJsonAsync("/api/moderation/analyze", new { text });
            served[text] = (string)(await analysed.Content.ReadFromJsonAsync<JsonObject>())!["moderation"]!["label"]!;
        }

        var refused = served.Where(p => p.Value != "ok").Select(p => p.Key).ToList();
        var (label, relabels) = refused.Count >= 3 ? ("ok", refused) : ("offtopic", served.Where(p => p.Value != "offtopic").Select(p => p.Key).ToList());
        Assert.True(relabels.Count >= 3, $"Too few messages the served set gets wrong: {string.Join(", ", served)}");
        foreach (var text in relabels)
        {
            await chat.SayAsync(text);
            var activityId = _host.UserMessageId(chat.ConversationId, text);
            using var relabelled = await agent.PostAsJsonAsync("/api/moderation/relabels", new { conversationId = chat.ConversationId, activityId, label });
            Assert.Equal(HttpStatusCode.Created, relabelled.StatusCode);
        }

        var admin = await _host.AdminAsync();

        using var noReason = await admin.PostAsJsonAsync("/api/admin/models/training", new { reason = " " });
        using var started = await admin.PostAsJsonAsync("/api/admin/models/training", new { reason = "agents flagged praise refused as abusive" });
        using var twice = await admin.PostAsJsonAsync("/api/admin/models/training", new { reason = "again" });
        var status = await WaitForTrainingAsync(admin);

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.True((string)status["state"]! == "succeeded", status.ToJsonString());
        var version = (string)status["version"]!;
        var models = (await admin.GetFromJsonAsync<JsonObject>("/api/admin/models"))!;
        Assert.Equal(_served, (string)models["current"]!); // saved, not promoted
        var retrained = models["versions"]!.AsArray().Single(v => (string)v!["version"]! == version)!;
        Assert.False((bool)retrained["current"]!);
        var comparison = retrained["comparison"]!;
        Assert.Equal(_served, (string)comparison["baselineVersion"]!);
        Assert.Equal((int)retrained["heldOutRows"]!, (int)comparison["heldOutRows"]!);
        Assert.Equal(relabels.Count, (int)comparison["relabelsUsed"]!);
        // Learning, measured as served (models, rules, default thresholds): the served set decided none of them ok, the new set all.
        Assert.Equal(0, (int?)comparison["baselineRelabelsDecidedAsLabelled"]);
        Assert.Equal(relabels.Count, (int?)comparison["relabelsDecidedAsLabelled"]);
        Assert.InRange((double)comparison["baselineMetrics"]!["moderation.macroF1"]!, 0.01, 1);
        Assert.InRange((double)retrained["metrics"]!["moderation.macroF1"]!, 0.01, 1);
        Assert.Single(_host.Audit("model.retrain.done"));

        using var discardServed = await admin.PostAsJsonAsync($"/api/admin/models/{_served}/discard", new { reason = "test" });
        using var discarded = await admin.PostAsJsonAsync($"/api/admin/models/{version}/discard", new { reason = "worse on abusive recall" });

        Assert.Equal(HttpStatusCode.Conflict, discardServed.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, discarded.StatusCode);
        var after = (await admin.GetFromJsonAsync<JsonObject>("/api/admin/models"))!;
        Assert.DoesNotContain(after["versions"]!.AsArray(), v => (string)v!["version"]! == version);
        Assert.Contains("worse on abusive recall", Assert.Single(_host.Audit("model.discard")).Details, StringComparison.Ordinal);
    }
}
