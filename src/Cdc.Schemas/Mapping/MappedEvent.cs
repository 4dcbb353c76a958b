using Cdc.Schemas.Avro;

namespace Cdc.Schemas.Mapping;

/// <summary>
/// What <see cref="ChangeEventMapper.Map"/> produced. Every reference here is a cached object (one per namespace or
/// operation type), so returning it allocates nothing.
/// </summary>
internal readonly struct MappedEvent
{
    public MappedEvent(NamespaceRoute route, string operationType, MappedKey key, bool skipped, bool tombstoneFollows, long eventTimeMs = 0)
    {
        EventTimeMs = eventTimeMs;
        Route = route;
        OperationType = operationType;
        Key = key;
        Skipped = skipped;
        TombstoneFollows = tombstoneFollows;
    }

    public NamespaceRoute Route { get; }

    public string Topic => Route.Topic;

    public AvroRecordSchema KeySchema => Route.Schemas.Key;

    public AvroRecordSchema ValueSchema => Route.Schemas.Value;

    public string OperationType { get; }

    /// <summary>Whether key bytes were written, or the Kafka key is null.</summary>
    public MappedKey Key { get; }

    /// <summary>
    /// A keyless event under <see cref="KeylessEventPolicy.Skip"/>: nothing was written and nothing is to be published;
    /// the caller counts it and moves on (its resume token still advances).
    /// </summary>
    public bool Skipped { get; }

    /// <summary>
    /// When the change happened, as Unix milliseconds: the event's <c>wallTime</c>, or its <c>clusterTime</c> seconds
    /// when it has none (servers before 6.0). The connector measures its source lag from it.
    /// </summary>
    public long EventTimeMs { get; }

    /// <summary>A delete with tombstones enabled: after the value, publish the same key with a null value.</summary>
    public bool TombstoneFollows { get; }
}
