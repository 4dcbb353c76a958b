using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.Documents;

/// <summary>
/// MongoDB's BSON comparison order: MinKey &lt; Null &lt; numbers &lt; strings/symbols &lt; documents &lt; arrays &lt;
/// binary &lt; ObjectId &lt; booleans &lt; dates &lt; timestamps &lt; regular expressions &lt; MaxKey; numbers compare by value
/// across types, so 1, 1L and 1.0 are equal (and collide as <c>_id</c>s, as in a real server).
/// </summary>
internal sealed class DocComparer : IComparer<DocValue>, IEqualityComparer<DocValue>
{
    public static DocComparer Instance { get; } = new();

    public static int TypeRank(BsonType type) => type switch
    {
        BsonType.MinKey => 1,
        BsonType.Null or BsonType.Undefined => 2,
        BsonType.Int32 or BsonType.Int64 or BsonType.Double or BsonType.Decimal128 => 3,
        BsonType.String or BsonType.Symbol => 4,
        BsonType.Document => 5,
        BsonType.Array => 6,
        BsonType.Binary => 7,
        BsonType.ObjectId => 8,
        BsonType.Boolean => 9,
        BsonType.DateTime => 10,
        BsonType.Timestamp => 11,
        BsonType.RegularExpression => 12,
        BsonType.DBPointer => 13,
        BsonType.JavaScript => 14,
        BsonType.JavaScriptWithScope => 15,
        BsonType.MaxKey => 16,
        _ => 17,
    };

    public int Compare(DocValue? x, DocValue? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var rank = TypeRank(x.Type).CompareTo(TypeRank(y.Type));
        if (rank != 0)
        {
            return rank;
        }

        switch (x.Type)
        {
            case BsonType.Int32 or BsonType.Int64 or BsonType.Double or BsonType.Decimal128:
                return CompareNumbers(x, y);
            case BsonType.String or BsonType.Symbol:
                return string.CompareOrdinal(StringOf(x), StringOf(y));
            case BsonType.Document:
                return CompareDocuments(x.Document, y.Document);
            case BsonType.Array:
                return CompareArrays(x.Array, y.Array);
            case BsonType.Binary:
                {
                    var length = x.Bytes.Length.CompareTo(y.Bytes.Length);
                    if (length != 0)
                    {
                        return length;
                    }

                    var subtype = x.Subtype.CompareTo(y.Subtype);
                    return subtype != 0 ? subtype : x.Bytes.AsSpan().SequenceCompareTo(y.Bytes);
                }

            case BsonType.ObjectId:
                return x.Bytes.AsSpan().SequenceCompareTo(y.Bytes);
            case BsonType.Boolean:
                return x.Boolean.CompareTo(y.Boolean);
            case BsonType.DateTime:
                return x.DateTimeMilliseconds.CompareTo(y.DateTimeMilliseconds);
            case BsonType.Timestamp:
                {
                    var seconds = x.Timestamp.Seconds.CompareTo(y.Timestamp.Seconds);
                    return seconds != 0 ? seconds : x.Timestamp.Increment.CompareTo(y.Timestamp.Increment);
                }

            case BsonType.MinKey or BsonType.MaxKey or BsonType.Null or BsonType.Undefined:
                return 0;
            default:
                return x.Bytes.AsSpan().SequenceCompareTo(y.Bytes);
        }
    }

    public bool Equals(DocValue? x, DocValue? y) => x is null ? y is null : y is not null && Compare(x, y) == 0;

    public int GetHashCode(DocValue obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return obj.IsNumber ? obj.ToDouble().GetHashCode() : TypeRank(obj.Type);
    }

    private static int CompareNumbers(DocValue x, DocValue y)
    {
        if (x.Type is BsonType.Int32 or BsonType.Int64 && y.Type is BsonType.Int32 or BsonType.Int64)
        {
            return x.Int64.CompareTo(y.Int64);
        }

        // NaN sorts below every other number in MongoDB; double.CompareTo already orders it first.
        return x.ToDouble().CompareTo(y.ToDouble());
    }

    private static string StringOf(DocValue value) =>
        value.Type == BsonType.String ? value.String : System.Text.Encoding.UTF8.GetString(value.Bytes.AsSpan(4, value.Bytes.Length - 5));

    private int CompareDocuments(Doc x, Doc y)
    {
        var count = Math.Min(x.Count, y.Count);
        for (var i = 0; i < count; i++)
        {
            var left = x.Fields[i];
            var right = y.Fields[i];
            var rank = TypeRank(left.Value.Type).CompareTo(TypeRank(right.Value.Type));
            if (rank != 0)
            {
                return rank;
            }

            var name = string.CompareOrdinal(left.Key, right.Key);
            if (name != 0)
            {
                return name;
            }

            var value = Compare(left.Value, right.Value);
            if (value != 0)
            {
                return value;
            }
        }

        return x.Count.CompareTo(y.Count);
    }

    private int CompareArrays(List<DocValue> x, List<DocValue> y)
    {
        var count = Math.Min(x.Count, y.Count);
        for (var i = 0; i < count; i++)
        {
            var value = Compare(x[i], y[i]);
            if (value != 0)
            {
                return value;
            }
        }

        return x.Count.CompareTo(y.Count);
    }
}
