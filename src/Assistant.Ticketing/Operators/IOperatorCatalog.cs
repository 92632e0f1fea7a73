namespace Assistant.Ticketing.Operators;

public interface IOperatorCatalog
{
    IReadOnlyList<OperatorProfile> All { get; }

    /// <summary>The operator with that id (case-insensitive), or null.</summary>
    OperatorProfile? Find(string id);
}
