using Assistant.Moderation.Analysis;
using Assistant.Moderation.Storage;
using Assistant.Moderation.Thresholds;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Moderation.Tests.Analysis;

/// <summary>An analyzer on the shared models with its own moderation.db, so threshold changes stay local to a test.</summary>
internal sealed class AnalyzerFactory : IDisposable
{
    public AnalyzerFactory()
    {
        DatabasePath = Path.Combine(SharedModels.TemporaryDirectory(), "moderation.db");
        Database = new ModerationDatabase(DatabasePath);
        Settings = new LiteDbModerationSettings(Database, NullLogger<LiteDbModerationSettings>.Instance);
        Analyzer = new MessageAnalyzer(SharedModels.Provider, Settings, NullLogger<MessageAnalyzer>.Instance);
    }

    public string DatabasePath { get; }

    public ModerationDatabase Database { get; }

    public LiteDbModerationSettings Settings { get; }

    public MessageAnalyzer Analyzer { get; }

    public void Dispose() => Database.Dispose();
}
