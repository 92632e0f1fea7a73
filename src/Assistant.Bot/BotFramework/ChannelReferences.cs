using Assistant.Bot.Hosting;
using Assistant.Ticketing.Storage;
using LiteDB;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.BotFramework;

/// <summary>The conversation references of the Bot Framework channels, in <c>&lt;DataDirectory&gt;/botframework.db</c>.</summary>
public sealed class ChannelReferences : IDisposable
{
    /// <summary>How many channel activity ids a reference remembers for replies.</summary>
    public const int RememberedActivities = 20;

    private readonly LiteDatabase _database;
    private readonly ILiteCollection<ChannelReference> _references;
    private readonly Lock _gate = new();

    public ChannelReferences(IOptions<AssistantOptions> options)
    {
        var directory = Path.GetFullPath(options.Value.DataDirectory);
        Directory.CreateDirectory(directory);
        _database = new LiteDatabase(new ConnectionString
        {
            Filename = Path.Combine(directory, "botframework.db"),
            Connection = ConnectionType.Direct,
        })
        {
            UtcDate = true,
        };
        _references = _database.GetCollection<ChannelReference>("references");
    }

    public ChannelReference? Find(string conversationId)
    {
        lock (_gate)
        {
            return _references.FindById(conversationId);
        }
    }

    public IReadOnlyList<ChannelReference> All()
    {
        lock (_gate)
        {
            return [.. _references.FindAll()];
        }
    }

    /// <summary>Creates or changes a reference under one lock, so concurrent requests of a conversation do not lose changes.</summary>
    public ChannelReference Update(string conversationId, Func<ChannelReference?, ChannelReference> change)
    {
        lock (_gate)
        {
            var updated = change(_references.FindById(conversationId));
            updated.Id = conversationId;
            _references.Upsert(updated);
            return updated;
        }
    }

    /// <summary>Records what the relay has handed to the Connector; null (and nothing written) once the reference is gone (erased).</summary>
    public ChannelReference? AdvanceDelivered(string conversationId, long watermark)
    {
        lock (_gate)
        {
            if (_references.FindById(conversationId) is not { } current)
            {
                return null;
            }

            current.DeliveredWatermark = Math.Max(current.DeliveredWatermark, watermark);
            _references.Update(current);
            return current;
        }
    }

    public void Delete(string conversationId)
    {
        lock (_gate)
        {
            _references.Delete(conversationId);
        }
    }

    /// <summary>A consistent copy of the file while it stays open (a backup); see <see cref="LiteDbSnapshot"/>.</summary>
    public void SnapshotTo(string destinationFile) => LiteDbSnapshot.Write(_database, destinationFile);

    public void Dispose() => _database.Dispose();
}
