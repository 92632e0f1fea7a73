namespace Assistant.Bot.Tests.Channel;

/// <summary>The real clock plus however far the test has moved it forward, for token expiry.</summary>
public sealed class ManualClock : TimeProvider
{
    private TimeSpan _offset;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + _offset;

    public void Advance(TimeSpan by) => _offset += by;
}
