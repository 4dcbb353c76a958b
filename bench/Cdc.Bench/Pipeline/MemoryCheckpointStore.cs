using Cdc.Connector.Checkpoint;

namespace Cdc.Bench.Pipeline;

/// <summary>The committed checkpoint in memory: the benchmark measures the committer's work, not a disk.</summary>
internal sealed class MemoryCheckpointStore : ICheckpointStore
{
    private StoredCheckpoint? _current;

    public string Description => "memory (benchmark)";

    private int _saves;

    public int Saves => Volatile.Read(ref _saves);

    public StoredCheckpoint? Current => Volatile.Read(ref _current);

    /// <summary>One process owns this memory: there is no other writer to keep out.</summary>
    public Task ClaimWriterAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<StoredCheckpoint?> LoadAsync(CancellationToken cancellationToken) => Task.FromResult(Current);

    public Task SaveAsync(StoredCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _current, checkpoint);
        Interlocked.Increment(ref _saves);
        return Task.CompletedTask;
    }

    public Task ProbeWriteAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
    }
}
