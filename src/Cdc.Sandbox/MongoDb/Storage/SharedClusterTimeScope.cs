namespace Cdc.Sandbox.MongoDb.Storage;

/// <summary>Ends a <see cref="Catalog.ShareClusterTime"/> group: later entries tick the clock again.</summary>
internal readonly struct SharedClusterTimeScope : IDisposable
{
    private readonly Catalog _catalog;

    public SharedClusterTimeScope(Catalog catalog)
    {
        _catalog = catalog;
    }

    public void Dispose() => _catalog?.EndSharedClusterTime();
}
