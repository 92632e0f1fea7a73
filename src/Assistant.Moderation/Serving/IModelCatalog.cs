namespace Assistant.Moderation.Serving;

/// <summary>What admins see and do with model versions: the served one, the saved ones, promotion.</summary>
public interface IModelCatalog
{
    /// <summary>True once a model set is loaded and analyses can be served.</summary>
    bool IsReady { get; }

    string? CurrentVersion { get; }

    IReadOnlyList<ModelManifest> ListVersions();

    /// <summary>Serves <paramref name="version"/> from the next analysis on; refused when its manifest failed the gate.</summary>
    ModelManifest Promote(string version, string promotedBy);

    /// <summary>Deletes a saved version; refused (<see cref="InvalidOperationException"/>) for the served or promoted one.</summary>
    void Discard(string version, string discardedBy);
}
