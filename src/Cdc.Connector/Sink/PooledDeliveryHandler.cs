using Confluent.Kafka;

namespace Cdc.Connector.Sink;

/// <summary>
/// The reusable delivery-report callbacks of one slot of the in-flight ring: the sequence of the event whose records
/// use it, a copy of that event's key and its value's length, and two delegates built once (the value record's and
/// the tombstone's), so producing a record allocates no closure and its report needs no key or value from
/// Confluent.Kafka.
/// </summary>
/// <remarks>
/// Delivery reports carry neither key nor value (dotnet.producer.delivery.report.fields=none): keeping the produced
/// arrays referenced until Kafka acknowledged them made each event's arrays outlive a garbage collection or two. The key
/// and the size are needed only when the broker refuses a batch as too large and the record is dead-lettered, so the
/// slot keeps its own copy of the key. A slot is reused for sequence s + ring size only when every record of s has its
/// report: the watermark lets events in flight span fewer sequences than the ring has slots. The producing thread
/// writes the key and length before <see cref="Sequence"/> (a release), and a report reads the sequence first.
/// </remarks>
internal sealed class PooledDeliveryHandler
{
    private readonly KafkaRecordPublisher _publisher;
    private byte[] _key = [];
    private int _keyLength = -1;
    private int _valueLength;
    private long _sequence = -1;

    public PooledDeliveryHandler(KafkaRecordPublisher publisher)
    {
        _publisher = publisher;
        ValueCallback = OnValueReport;
        TombstoneCallback = OnTombstoneReport;
    }

    /// <summary>The callback of a record with a value.</summary>
    public Action<DeliveryReport<byte[]?, byte[]?>> ValueCallback { get; }

    /// <summary>The callback of a tombstone (a record with no value).</summary>
    public Action<DeliveryReport<byte[]?, byte[]?>> TombstoneCallback { get; }

    public long Sequence => Volatile.Read(ref _sequence);

    /// <summary>
    /// Takes the slot for <paramref name="sequence"/>'s record, keeping a copy of its key and its value's length. A
    /// tombstone that follows its event's value record in the same slot changes nothing: the key is the same, and the
    /// value record's report may be read at this moment.
    /// </summary>
    public void Take(long sequence, byte[]? key, byte[]? value)
    {
        if (value is null && Volatile.Read(ref _sequence) == sequence)
        {
            return;
        }

        if (key is null)
        {
            _keyLength = -1;
        }
        else
        {
            if (_key.Length < key.Length)
            {
                _key = new byte[key.Length];
            }

            key.CopyTo(_key, 0);
            _keyLength = key.Length;
        }

        _valueLength = value?.Length ?? 0;
        Volatile.Write(ref _sequence, sequence);
    }

    /// <summary>A new copy of the key of the slot's event (null when it has none): for a dead-letter record.</summary>
    public byte[]? CopyKey() => _keyLength < 0 ? null : _key.AsSpan(0, _keyLength).ToArray();

    /// <summary>The bytes of the slot's value record (key and value) or of its tombstone (key alone).</summary>
    public long RecordBytes(bool tombstone) => Math.Max(_keyLength, 0) + (tombstone ? 0L : _valueLength);

    private void OnValueReport(DeliveryReport<byte[]?, byte[]?> report) => _publisher.OnRecordReport(this, Sequence, report, tombstone: false);

    private void OnTombstoneReport(DeliveryReport<byte[]?, byte[]?> report) => _publisher.OnRecordReport(this, Sequence, report, tombstone: true);
}
