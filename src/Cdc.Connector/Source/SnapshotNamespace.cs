namespace Cdc.Connector.Source;

/// <summary>A collection a snapshot reads.</summary>
internal readonly record struct SnapshotNamespace(string Database, string Collection)
{
    public override string ToString() => Database + "." + Collection;
}
