using Cdc.Schemas.Bson;

namespace Cdc.Schemas.Mapping;

/// <summary>
/// One pass over the event's top-level elements (and the few small sub-documents the envelope splits into fields:
/// _id, ns, to, updateDescription), checking every type the envelope depends on. Bodies (fullDocument, …) are only
/// located here; they are validated when rendered as Extended JSON.
/// </summary>
internal static class ChangeEventScanner
{
    public static void Scan(ReadOnlySpan<byte> eventBson, ref ChangeEventFields fields)
    {
        var current = EventField.None;
        try
        {
            ScanElements(eventBson, ref fields, ref current);
        }
        catch (BsonFormatException ex)
        {
            throw new ChangeEventMappingException(EventFieldNames.NameOf(current), $"malformed BSON: {ex.Message}", ex);
        }
    }

    /// <summary>Kept out of the try block so the JIT can keep the reader in registers.</summary>
    private static void ScanElements(ReadOnlySpan<byte> eventBson, ref ChangeEventFields fields, ref EventField current)
    {
        var seen = EventField.None;
        var reader = new BsonReader(eventBson);
        while (reader.MoveNext())
        {
            ref readonly var element = ref reader.CurrentByRef;
            var field = EventFieldNames.Identify(element.Name);
            if (field == EventField.None)
            {
                continue; // Unknown and future fields (collectionUUID, stateBeforeChange, …) are not in the envelope.
            }

            if ((seen & field) != 0)
            {
                throw Problem(field, "appears more than once.");
            }

            seen |= field;
            current = field;
            Read(field, in element, ref fields);
            current = EventField.None;
        }

        Require(seen, EventField.Id);
        Require(seen, EventField.OperationType);
        Require(seen, EventField.ClusterTime);
    }

    private static void Read(EventField field, scoped in BsonElement element, ref ChangeEventFields fields)
    {
        switch (field)
        {
            case EventField.Id:
                fields.ResumeToken = ReadResumeToken(element);
                break;
            case EventField.OperationType:
                fields.OperationType = Expect(element, BsonType.String, field).GetStringUtf8();
                if (fields.OperationType.IsEmpty)
                {
                    throw Problem(field, "is an empty string.");
                }

                break;
            case EventField.ClusterTime:
                fields.ClusterTime = Expect(element, BsonType.Timestamp, field).GetTimestamp();
                break;
            case EventField.WallTime:
                fields.HasWallTime = element.Type != BsonType.Null;
                fields.WallTime = fields.HasWallTime ? Expect(element, BsonType.DateTime, field).GetDateTime() : 0;
                break;
            case EventField.Ns:
                fields.HasNs = ReadNamespace(element, "ns", out fields.NsDb, out fields.HasNsColl, out fields.NsColl);
                break;
            case EventField.To:
                fields.HasTo = ReadNamespace(element, "to", out fields.ToDb, out fields.HasToColl, out fields.ToColl);
                break;
            case EventField.DocumentKey:
                fields.DocumentKey = OptionalDocument(element, field, out fields.DocumentKeyOffset);
                break;
            case EventField.FullDocument:
                fields.FullDocument = OptionalDocument(element, field, out fields.FullDocumentOffset);
                break;
            case EventField.FullDocumentBeforeChange:
                fields.FullDocumentBeforeChange = OptionalDocument(element, field, out fields.FullDocumentBeforeChangeOffset);
                break;
            case EventField.Lsid:
                fields.Lsid = OptionalDocument(element, field, out fields.LsidOffset);
                break;
            case EventField.OperationDescription:
                fields.OperationDescription = OptionalDocument(element, field, out fields.OperationDescriptionOffset);
                break;
            case EventField.TxnNumber:
                fields.HasTxnNumber = element.Type != BsonType.Null;
                fields.TxnNumber = element.Type switch
                {
                    BsonType.Null => 0,
                    BsonType.Int64 => element.GetInt64(),
                    BsonType.Int32 => element.GetInt32(), // relaxed Extended JSON input turns small longs into int32
                    _ => throw WrongType(field, "a 64-bit integer", element.Type),
                };
                break;
            case EventField.UpdateDescription:
                if (element.Type != BsonType.Null)
                {
                    UpdateDescriptionScanner.Scan(Expect(element, BsonType.Document, field), ref fields);
                }

                break;
            default:
                break;
        }
    }

    private static ReadOnlySpan<byte> ReadResumeToken(BsonElement element)
    {
        var reader = Expect(element, BsonType.Document, EventField.Id).GetDocumentReader();
        while (reader.MoveNext())
        {
            var inner = reader.Current;
            if (inner.NameEquals("_data"u8))
            {
                return inner.Type == BsonType.String
                    ? inner.GetStringUtf8()
                    : throw new ChangeEventMappingException("_id._data", $"must be a string (the resume token), found {inner.Type}.");
            }
        }

        throw new ChangeEventMappingException("_id._data", "is missing: the event has no resume token.");
    }

    /// <returns>False when the field is BSON null (treated as absent).</returns>
    private static bool ReadNamespace(BsonElement element, string name, out ReadOnlySpan<byte> db, out bool hasColl, out ReadOnlySpan<byte> coll)
    {
        db = default;
        coll = default;
        hasColl = false;
        if (element.Type == BsonType.Null)
        {
            return false;
        }

        if (element.Type != BsonType.Document)
        {
            throw new ChangeEventMappingException(name, $"must be a document {{db, coll}}, found {element.Type}.");
        }

        var hasDb = false;
        var reader = element.GetDocumentReader();
        while (reader.MoveNext())
        {
            var inner = reader.Current;
            if (inner.NameEquals("db"u8))
            {
                db = inner.Type == BsonType.String
                    ? inner.GetStringUtf8()
                    : throw new ChangeEventMappingException(name + ".db", $"must be a string, found {inner.Type}.");
                hasDb = true;
            }
            else if (inner.NameEquals("coll"u8) && inner.Type != BsonType.Null)
            {
                coll = inner.Type == BsonType.String
                    ? inner.GetStringUtf8()
                    : throw new ChangeEventMappingException(name + ".coll", $"must be a string, found {inner.Type}.");
                hasColl = true;
            }
        }

        return hasDb ? true : throw new ChangeEventMappingException(name + ".db", "is missing.");
    }

    private static ReadOnlySpan<byte> OptionalDocument(BsonElement element, EventField field, out int offset)
    {
        offset = element.ValueOffset;
        return element.Type == BsonType.Null ? default : Expect(element, BsonType.Document, field).Value;
    }

    private static BsonElement Expect(BsonElement element, BsonType type, EventField field) =>
        element.Type == type ? element : throw WrongType(field, TypeDescription(type), element.Type);

    private static ChangeEventMappingException WrongType(EventField field, string expected, BsonType found) =>
        Problem(field, $"must be {expected}, found {found}.");

    private static ChangeEventMappingException Problem(EventField field, string problem) =>
        new(EventFieldNames.NameOf(field), problem);

    private static void Require(EventField seen, EventField field)
    {
        if ((seen & field) == 0)
        {
            throw Problem(field, "is missing.");
        }
    }

    private static string TypeDescription(BsonType type) => type switch
    {
        BsonType.Document => "a document",
        BsonType.String => "a string",
        BsonType.Timestamp => "a BSON timestamp",
        BsonType.DateTime => "a BSON date",
        _ => type.ToString(),
    };
}
