using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.Documents;

/// <summary>
/// One BSON value in the sandbox's mutable document model. Scalars are immutable; documents and arrays are mutable
/// containers so update operators can edit stored documents in place. Rare types (regex, decimal, code…) keep their
/// raw BSON value bytes: the sandbox compares and echoes them but never interprets them.
/// </summary>
internal sealed class DocValue
{
    private readonly long _bits;
    private readonly double _double;
    private readonly object? _reference;

    private DocValue(BsonType type, long bits = 0, double number = 0, object? reference = null, byte subtype = 0)
    {
        Type = type;
        _bits = bits;
        _double = number;
        _reference = reference;
        Subtype = subtype;
    }

    public static DocValue Null { get; } = new(BsonType.Null);

    public static DocValue True { get; } = new(BsonType.Boolean, 1);

    public static DocValue False { get; } = new(BsonType.Boolean, 0);

    public static DocValue MinKey { get; } = new(BsonType.MinKey);

    public static DocValue MaxKey { get; } = new(BsonType.MaxKey);

    public BsonType Type { get; }

    /// <summary>Binary subtype, meaningful only for <see cref="BsonType.Binary"/>.</summary>
    public byte Subtype { get; }

    public bool IsNumber => Type is BsonType.Int32 or BsonType.Int64 or BsonType.Double or BsonType.Decimal128;

    public bool IsDocument => Type == BsonType.Document;

    public bool IsArray => Type == BsonType.Array;

    public int Int32 => (int)_bits;

    public long Int64 => _bits;

    public double Double => _double;

    public bool Boolean => _bits != 0;

    public long DateTimeMilliseconds => _bits;

    public BsonTimestamp Timestamp => new((uint)((ulong)_bits >> 32), (uint)_bits);

    public string String => (string)_reference!;

    public Doc Document => (Doc)_reference!;

    public List<DocValue> Array => (List<DocValue>)_reference!;

    /// <summary>ObjectId (12 bytes), binary payload, or the raw BSON value bytes of a rare type.</summary>
    public byte[] Bytes => (byte[])_reference!;

    public static DocValue FromInt32(int value) => new(BsonType.Int32, value, value);

    public static DocValue FromInt64(long value) => new(BsonType.Int64, value, value);

    /// <summary>A count or size as a server appends one (appendNumber): an int32 when it fits, else an int64.</summary>
    public static DocValue FromCount(long value) =>
        value is >= int.MinValue and <= int.MaxValue ? FromInt32((int)value) : FromInt64(value);

    public static DocValue FromDouble(double value) => new(BsonType.Double, 0, value);

    public static DocValue FromBoolean(bool value) => value ? True : False;

    public static DocValue FromString(string value) => new(BsonType.String, reference: value);

    public static DocValue FromDateTime(long millisecondsSinceEpoch) => new(BsonType.DateTime, millisecondsSinceEpoch);

    public static DocValue FromTimestamp(BsonTimestamp value) =>
        new(BsonType.Timestamp, (long)(((ulong)value.Seconds << 32) | value.Increment));

    public static DocValue FromObjectId(byte[] id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length != 12)
        {
            throw new ArgumentException($"An ObjectId is 12 bytes, not {id.Length}.", nameof(id));
        }

        return new(BsonType.ObjectId, reference: id);
    }

    public static DocValue FromBinary(byte subtype, byte[] data) => new(BsonType.Binary, reference: data, subtype: subtype);

    public static DocValue FromDocument(Doc document) => new(BsonType.Document, reference: document);

    public static DocValue FromArray(List<DocValue> items) => new(BsonType.Array, reference: items);

    /// <summary>An already-encoded BSON document, embedded as is in a reply (cursor batches are serialized snapshots).</summary>
    public static DocValue FromRawDocument(byte[] bson) => new(BsonType.Document, reference: bson);

    /// <summary>True for a document or array held as raw BSON bytes rather than a <see cref="Doc"/>.</summary>
    public bool HasRawBson => Type is BsonType.Document or BsonType.Array && _reference is byte[];

    /// <summary>A value of a type the sandbox only stores and echoes (regex, decimal128, code, symbol, DBPointer, undefined).</summary>
    public static DocValue FromRaw(BsonType type, byte[] valueBytes) => new(type, reference: valueBytes);

    /// <summary>The numeric value as a double, for cross-type numeric comparison and arithmetic.</summary>
    public double ToDouble() => Type switch
    {
        BsonType.Int32 or BsonType.Int64 => _bits,
        BsonType.Double => _double,
        BsonType.Decimal128 => DecimalToDouble(),
        _ => throw new InvalidOperationException($"A {Type} is not a number."),
    };

    /// <summary>A deep copy: containers are cloned, scalars shared (they are immutable).</summary>
    public DocValue Clone() => Type switch
    {
        BsonType.Document => FromDocument(Document.Clone()),
        BsonType.Array => FromArray(Array.ConvertAll(static item => item.Clone())),
        _ => this,
    };

    public override string ToString() => DocJson.Format(this);

    private double DecimalToDouble()
    {
        var decimal128 = new Decimal128(
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(Bytes),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(Bytes.AsSpan(8)));
        var text = decimal128.ToString();
        return text switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            _ => double.Parse(text, System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
