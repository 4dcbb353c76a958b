namespace Cdc.Connector.LiveView;

/// <summary>A published change waiting for Kafka to acknowledge all its records: its event (a copy) and where its records landed.</summary>
internal sealed class PendingLiveChange
{
    private byte[]? _encoded;

    public PendingLiveChange(long sequence, byte[] changeEvent, int records)
    {
        Sequence = sequence;
        ChangeEvent = changeEvent;
        Placements = new List<LiveRecordPlacement>(records);
        Records = records;
    }

    public long Sequence { get; }

    /// <summary>The change event's BSON (or the snapshot row's), or an empty array when it was too large to show.</summary>
    public byte[] ChangeEvent { get; }

    /// <summary>How many records the event was published as (2 for a delete followed by its tombstone).</summary>
    public int Records { get; }

    public List<LiveRecordPlacement> Placements { get; }

    /// <summary>The event's size when its body is left out (<see cref="ChangeEvent"/> empty).</summary>
    public int OmittedBytes { get; init; }

    public bool IsComplete => Placements.Count >= Records;

    /// <summary>The change's message, encoded on first use (by whichever client sends it first) and shared by all.</summary>
    public byte[] Encoded => LazyInitializer.EnsureInitialized(ref _encoded, () => LiveChangeMessage.Encode(this));

}
