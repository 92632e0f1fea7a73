using Assistant.Moderation.Sanctions;
using Assistant.Moderation.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Assistant.Moderation.Tests.Sanctions;

public sealed class SanctionServiceTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly string _path = Path.Combine(SharedModels.TemporaryDirectory(), "moderation.db");
    private readonly SanctionOptions _options = new()
    {
        StrikeWindow = TimeSpan.FromDays(30),
        StrikesForSuspension = 2,
        SuspensionDuration = TimeSpan.FromHours(24),
        SuspensionGrowthFactor = 2,
        SuspensionsBeforeBan = 1,
    };
    private ModerationDatabase _database;
    private SanctionService _service;

    public SanctionServiceTests()
    {
        _database = new ModerationDatabase(_path);
        _service = Create();
    }

    [Fact]
    public void First_violation_warns_then_suspends_until_a_date_then_bans()
    {
        var first = _service.RecordViolation(Violation("u1", Start));
        var second = _service.RecordViolation(Violation("u1", Start.AddHours(1)));
        var duringSuspension = _service.GetStatus("digisense", "u1", Start.AddHours(5));
        var afterSuspension = _service.GetStatus("digisense", "u1", Start.AddHours(26));
        _service.RecordViolation(Violation("u1", Start.AddDays(2)));
        var banned = _service.RecordViolation(Violation("u1", Start.AddDays(3)));

        Assert.Equal(SanctionLevels.Warning, first.Level);
        Assert.True(first.CanUseService);
        Assert.Equal(SanctionLevels.Suspended, second.Level);
        Assert.Equal(Start.AddHours(25), second.Until);
        Assert.False(duringSuspension.CanUseService);
        Assert.Equal(SanctionLevels.None, afterSuspension.Level);
        Assert.Equal(SanctionLevels.Banned, banned.Level);
        Assert.Null(banned.Until);
        Assert.False(_service.GetStatus("digisense", "u1", Start.AddYears(2)).CanUseService);
    }

    [Fact]
    public void Strikes_older_than_the_window_no_longer_count()
    {
        _service.RecordViolation(Violation("u2", Start));

        var warningAfterWindow = _service.GetStatus("digisense", "u2", Start.AddDays(31));
        var second = _service.RecordViolation(Violation("u2", Start.AddDays(31)));

        Assert.Equal(SanctionLevels.None, warningAfterWindow.Level);
        Assert.Equal(SanctionLevels.Warning, second.Level);
        Assert.Equal(1, second.Strikes);
    }

    [Fact]
    public void Lifting_ends_a_suspension_and_is_recorded_with_who_and_why()
    {
        _service.RecordViolation(Violation("u3", Start));
        _service.RecordViolation(Violation("u3", Start.AddMinutes(5)));

        _service.Lift("digisense", "u3", "agent:42", "false positive", Start.AddMinutes(10));

        Assert.True(_service.GetStatus("digisense", "u3", Start.AddMinutes(11)).CanUseService);
        Assert.Empty(_service.ListActive("digisense", Start.AddMinutes(11)));
        var lift = _database.Decisions.FindOne(d => d.Kind == "lift");
        Assert.Equal("agent:42", lift.DecidedBy);
        Assert.Equal("false positive", lift.Reason);
        Assert.Equal("agent:42", _database.Decisions.FindOne(d => d.Level == SanctionLevels.Suspended).LiftedBy);
    }

    [Fact]
    public void The_ladder_survives_reopening_the_database()
    {
        _service.RecordViolation(Violation("u4", Start));
        var suspended = _service.RecordViolation(Violation("u4", Start.AddHours(1)));

        Reopen();

        var status = _service.GetStatus("digisense", "u4", Start.AddHours(2));
        Assert.Equal(SanctionLevels.Suspended, status.Level);
        Assert.Equal(suspended.Until, status.Until);
        _service.RecordViolation(Violation("u4", Start.AddDays(2)));
        Assert.Equal(SanctionLevels.Banned, _service.RecordViolation(Violation("u4", Start.AddDays(2).AddHours(1))).Level);
    }

    [Fact]
    public void Every_decision_keeps_the_message_scores_clause_and_decider()
    {
        _service.RecordViolation(Violation("u5", Start) with { Text = "bande d'escrocs", Clause = "ICOSNET 8", DecidedBy = "rule:threat" });

        var stored = Assert.Single(_database.Decisions.FindAll());
        Assert.Equal("bande d'escrocs", stored.Text);
        Assert.Equal(0.93f, stored.AbusiveScore);
        Assert.Equal("ICOSNET 8", stored.Clause);
        Assert.Equal("rule:threat", stored.DecidedBy);
        Assert.Equal(SanctionLevels.Warning, stored.Level);
    }

    [Fact]
    public void Users_and_operators_are_counted_apart_and_active_sanctions_are_listed()
    {
        _service.RecordViolation(Violation("u6", Start));
        _service.RecordViolation(Violation("u6", Start.AddMinutes(1)));
        _service.RecordViolation(Violation("u6", Start) with { OperatorId = "icosnet" });

        var active = Assert.Single(_service.ListActive(null, Start.AddMinutes(2)));
        Assert.Equal(("digisense", "u6", SanctionLevels.Suspended), (active.OperatorId, active.UserId, active.Level));
        Assert.Equal(SanctionLevels.Warning, _service.GetStatus("icosnet", "u6", Start.AddMinutes(2)).Level);
        Assert.Equal(SanctionLevels.None, _service.GetStatus("digisense", "someone-else", Start.AddMinutes(2)).Level);
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public void A_withdrawn_strike_no_longer_counts_and_lifts_the_suspension_it_completed()
    {
        _service.RecordViolation(Violation("u7", Start) with { ActivityId = "a1" });
        var suspended = _service.RecordViolation(Violation("u7", Start.AddHours(1)) with { ActivityId = "a2" });

        var withdrawal = _service.WithdrawStrike("digisense", "u7", "a1", "staff:1", "relabelled ok", Start.AddHours(2));

        Assert.Equal(SanctionLevels.Suspended, suspended.Level);
        Assert.NotNull(withdrawal);
        Assert.True(withdrawal.SanctionLifted);
        Assert.Equal(SanctionLevels.Warning, withdrawal.Status.Level);
        Assert.Equal(1, withdrawal.Status.Strikes);
        Assert.True(_service.GetStatus("digisense", "u7", Start.AddHours(3)).CanUseService);
        // The voided suspension does not count towards a ban: the next strike suspends again, it does not ban.
        Assert.Equal(SanctionLevels.Suspended, _service.RecordViolation(Violation("u7", Start.AddHours(4))).Level);
    }

    [Fact]
    public void Withdrawing_the_strike_that_suspended_lifts_the_suspension_and_survives_a_restart()
    {
        _service.RecordViolation(Violation("u8", Start) with { ActivityId = "b1" });
        _service.RecordViolation(Violation("u8", Start.AddHours(1)) with { ActivityId = "b2" });

        var withdrawal = _service.WithdrawStrike("digisense", "u8", "b2", "staff:1", "relabelled ok", Start.AddHours(2));
        Reopen();

        Assert.True(withdrawal!.SanctionLifted);
        var status = _service.GetStatus("digisense", "u8", Start.AddHours(3));
        Assert.Equal(SanctionLevels.Warning, status.Level);
        Assert.Equal(1, status.Strikes);
        Assert.Contains(_service.History("u8"), d => d.Kind == "withdrawal");
    }

    [Fact]
    public void Withdrawing_a_message_that_counted_no_strike_changes_nothing()
    {
        _service.RecordViolation(Violation("u9", Start) with { ActivityId = "c1" });

        Assert.Null(_service.WithdrawStrike("digisense", "u9", "other-message", "staff:1", "relabelled ok", Start.AddHours(1)));
        Assert.Null(_service.WithdrawStrike("icosnet", "u9", "c1", "staff:1", "relabelled ok", Start.AddHours(1)));
        Assert.Equal(1, _service.GetStatus("digisense", "u9", Start.AddHours(1)).Strikes);
        Assert.NotNull(_service.WithdrawStrike("digisense", "u9", "c1", "staff:1", "relabelled ok", Start.AddHours(1)));
        Assert.Null(_service.WithdrawStrike("digisense", "u9", "c1", "staff:1", "twice", Start.AddHours(2)));
        Assert.Equal(SanctionLevels.None, _service.GetStatus("digisense", "u9", Start.AddHours(2)).Level);
    }

    private SanctionService Create() => new(_database, Options.Create(_options), NullLogger<SanctionService>.Instance);

    private void Reopen()
    {
        _database.Dispose();
        _database = new ModerationDatabase(_path);
        _service = Create();
    }

    private static Violation Violation(string userId, DateTimeOffset at) =>
        new("digisense", userId, "conv-1", "message", Labels.Abusive, 0.93f, 0.02f, "Digisense 3", "model", at);
}
