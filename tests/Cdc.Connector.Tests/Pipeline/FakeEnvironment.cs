using Cdc.Connector.Checkpoint;
using Cdc.Connector.Pipeline;
using Cdc.Connector.Sink;
using Cdc.Connector.Source;

namespace Cdc.Connector.Tests.Pipeline;

/// <summary>The pipeline's outside world made of fakes: a scripted server, recording publishers, a memory store.</summary>
internal sealed class FakeEnvironment : IPipelineEnvironment
{
    private readonly Lock _lock = new();
    private readonly List<FakeRecordPublisher> _publishers = [];
    private int _listingCalls;

    public FakeChangeStreamServer Server { get; } = new();

    public InMemoryCheckpointStore Store { get; init; } = new();

    public bool AutoAck { get; set; } = true;

    public bool HasDeadLetterTopic { get; init; }

    /// <summary>The next publisher created throws this from its first Produce.</summary>
    public Exception? NextPublisherThrows { get; set; }

    public string Watching => "fake stream";

    public ICheckpointStore CheckpointStore => Store;

    public IReadOnlyList<FakeRecordPublisher> Publishers
    {
        get
        {
            lock (_lock)
            {
                return [.. _publishers];
            }
        }
    }

    public FakeRecordPublisher LastPublisher => Publishers[^1];

    /// <summary>Every record produced by every publisher, in order.</summary>
    public IReadOnlyList<PublishedRecord> AllRecords()
    {
        var all = new List<PublishedRecord>();
        foreach (var publisher in Publishers)
        {
            all.AddRange(publisher.Records);
        }

        return all;
    }

    public IChangeStreamSource CreateSource() => new FakeChangeStreamSource(Server);

    public FakeSnapshotReader SnapshotReader { get; } = new();

    public ISnapshotReader CreateSnapshotReader() => SnapshotReader;

    /// <summary>What <see cref="ListWatchedCollections"/> answers; none by default.</summary>
    public List<SnapshotNamespace> WatchedCollections { get; } = [];

    /// <summary>When set, <see cref="ListWatchedCollections"/> throws it.</summary>
    public Exception? ListingFails { get; set; }

    /// <summary>Calls of <see cref="ListWatchedCollections"/> so far.</summary>
    public int ListingCalls => Volatile.Read(ref _listingCalls);

    public IReadOnlyList<SnapshotNamespace> ListWatchedCollections(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _listingCalls);
        cancellationToken.ThrowIfCancellationRequested();
        return ListingFails is { } failure ? throw failure : [.. WatchedCollections];
    }

    public IRecordPublisher CreatePublisher(IDeliveryListener listener, int maxInFlightEvents, IOversizeOutcomes oversizeOutcomes)
    {
        var publisher = new FakeRecordPublisher(listener, AutoAck, HasDeadLetterTopic) { ThrowOnProduce = NextPublisherThrows };
        NextPublisherThrows = null;
        lock (_lock)
        {
            _publishers.Add(publisher);
        }

        return publisher;
    }

    public StartPosition ResolveStart(StoredCheckpoint? committed) =>
        committed is null ? StartPosition.Now("no checkpoint (test)") : StartPosition.From(committed.Position, "committed checkpoint (test)");
}
