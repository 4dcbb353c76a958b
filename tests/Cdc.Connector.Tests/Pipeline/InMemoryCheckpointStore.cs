using Cdc.Connector.Checkpoint;
using Cdc.Connector.Source;

namespace Cdc.Connector.Tests.Pipeline;

/// <summary>A checkpoint store in memory, with every save kept and saves that can be made to fail.</summary>
internal sealed class InMemoryCheckpointStore : ICheckpointStore
{
    private readonly Lock _lock = new();
    private readonly List<ResumePosition> _saves = [];
    private StoredCheckpoint? _current;
    private int _failedSaves;

    public InMemoryCheckpointStore(StoredCheckpoint? initial = null)
    {
        _current = initial;
    }

    public string Description => "memory (test)";

    /// <summary>While set, every save throws it.</summary>
    public Exception? SaveFailure { get; set; }

    /// <summary>Saves that threw <see cref="SaveFailure"/>.</summary>
    public int FailedSaves => Volatile.Read(ref _failedSaves);

    public bool FailLoad { get; set; }

    public StoredCheckpoint? Current
    {
        get
        {
            lock (_lock)
            {
                return _current;
            }
        }
    }

    public IReadOnlyList<ResumePosition> Saves
    {
        get
        {
            lock (_lock)
            {
                return [.. _saves];
            }
        }
    }

    public Task<StoredCheckpoint?> LoadAsync(CancellationToken cancellationToken) => FailLoad
        ? throw new CheckpointStoreException("memory store: the checkpoint is corrupt (test)")
        : Task.FromResult(Current);

    /// <summary>While set, claiming the pipeline throws it.</summary>
    public Exception? ClaimFailure { get; set; }

    public bool Claimed { get; private set; }

    public Task ClaimWriterAsync(CancellationToken cancellationToken)
    {
        if (ClaimFailure is { } failure)
        {
            throw failure;
        }

        Claimed = true;
        return Task.CompletedTask;
    }

    public Task SaveAsync(StoredCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        if (SaveFailure is { } failure)
        {
            Interlocked.Increment(ref _failedSaves);
            throw failure;
        }

        lock (_lock)
        {
            _current = checkpoint;
            _saves.Add(checkpoint.Position);
        }

        return Task.CompletedTask;
    }

    /// <summary>While set, every probe write throws it.</summary>
    public Exception? ProbeFailure { get; set; }

    public Task ProbeWriteAsync(CancellationToken cancellationToken) => ProbeFailure is { } failure ? throw failure : Task.CompletedTask;

    public void Dispose()
    {
    }
}
