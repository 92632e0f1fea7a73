namespace Assistant.Bot.Tests.Auth;

/// <summary>
/// Test classes that build the whole host run one after another: the host's Serilog bootstrap logger is
/// static and can be frozen by only one host at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class HostCollection
{
    public const string Name = "Host";
}
