using System.Text;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.Documents;

/// <summary>
/// The length <see cref="DocCodec.Write"/> would produce for a document, computed without encoding it, so a collection
/// can keep its data size (what <c>$collStats</c> and listDatabases report) current on every write at no allocation.
/// </summary>
internal static class BsonSize
{
    public static int Of(Doc document)
    {
        ArgumentNullException.ThrowIfNull(document);

        // int32 length, the elements, the terminating NUL.
        var size = 5;
        foreach (var (name, value) in document.Fields)
        {
            size += Element(name, value);
        }

        return size;
    }

    private static int Element(string name, DocValue value) => 1 + Encoding.UTF8.GetByteCount(name) + 1 + Value(value);

    private static int Value(DocValue value)
    {
        if (value.HasRawBson)
        {
            return value.Bytes.Length;
        }

        switch (value.Type)
        {
            case BsonType.Double or BsonType.DateTime or BsonType.Timestamp or BsonType.Int64:
                return 8;
            case BsonType.Int32:
                return 4;
            case BsonType.Boolean:
                return 1;
            case BsonType.Null or BsonType.MinKey or BsonType.MaxKey:
                return 0;
            case BsonType.String:
                return 4 + Encoding.UTF8.GetByteCount(value.String) + 1;
            case BsonType.ObjectId:
                return 12;
            case BsonType.Binary:
                // The deprecated subtype 0x02 carries its own inner length prefix.
                return 4 + 1 + value.Bytes.Length + (value.Subtype == BsonBinarySubtypes.OldBinary ? 4 : 0);
            case BsonType.Document:
                return Of(value.Document);
            case BsonType.Array:
                {
                    var size = 5;
                    for (var i = 0; i < value.Array.Count; i++)
                    {
                        size += 1 + DigitCount(i) + 1 + Value(value.Array[i]);
                    }

                    return size;
                }

            default:
                return value.Bytes.Length;
        }
    }

    private static int DigitCount(int index)
    {
        var digits = 1;
        while (index >= 10)
        {
            index /= 10;
            digits++;
        }

        return digits;
    }
}
