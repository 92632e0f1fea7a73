using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Assistant.Bot.Tests.Intake;
using Assistant.Moderation.Data;

namespace Assistant.Bot.Tests.Admin;

/// <summary>
/// Retraining from the admin console: relabelled messages join the shipped data, the new set is saved beside the
/// served one (never promoted by itself) with the served set's metrics on the same held-out rows, and can be discarded.
/// The host trains on a slice of the shipped files in a model folder of its own (<see cref="RetrainingSandbox"/>).
/// </summary>
public sealed class ModelRetrainingTests : IDisposable
{
    // The first one outside the held-out split: a held-out text is left out of training (tested in the moderation tests).
    private static readonly string Message = new[]
    {
        "Pouvez-vous me conseiller un bon restaurant italien près de la gare de Lyon ?",
        "Vous connaissez un bon restaurant italien vers la gare ?",
        "Un conseil pour un restaurant italien pas loin de la gare ?",
    }.First(text => !HeldOutSplit.IsHeldOut(text));

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
    public async Task A_retrained_set_learns_the_relabels_is_compared_on_the_same_held_out_rows_and_can_be_discardedAsync()
    {
        var chat = await ChatSession.StartAsync(_host.DirectLine, "dl_retrain");
        await chat.SayAsync(Message);
        var activityId = _host.UserMessageId(chat.ConversationId, Message);
        var agent = await _host.AgentAsync();
        using var relabelled = await agent.PostAsJsonAsync("/api/moderation/relabels", new { conversationId = chat.ConversationId, activityId, label = "offtopic" });
        Assert.Equal(HttpStatusCode.Created, relabelled.StatusCode);
        var admin = await _host.AdminAsync();

        using var noReason = await admin.PostAsJsonAsync("/api/admin/models/training", new { reason = " " });
        using var started = await admin.PostAsJsonAsync("/api/admin/models/training", new { reason = "agents flagged missed off-topic messages" });
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
        Assert.Equal(1, (int)comparison["relabelsUsed"]!);
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
