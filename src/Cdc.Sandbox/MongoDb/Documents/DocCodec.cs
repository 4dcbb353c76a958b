using System.Text;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.Documents;

/// <summary>Converts between BSON bytes (read with the project's <see cref="BsonReader"/>) and the mutable model.</summary>
internal static class DocCodec
{
    public static Doc Read(ReadOnlySpan<byte> bson) => ReadDocument(new BsonReader(bson));

    public static Doc ReadDocument(BsonReader reader)
    {
        var document = new Doc();
        while (reader.MoveNext())
        {
            var element = reader.Current;
            document.Add(Encoding.UTF8.GetString(element.Name), ReadValue(element));
        }

        return document;
    }

    public static DocValue ReadValue(BsonElement element)
    {
        switch (element.Type)
        {
            case BsonType.Double: return DocValue.FromDouble(element.GetDouble());
            case BsonType.String: return DocValue.FromString(Encoding.UTF8.GetString(element.GetStringUtf8()));
            case BsonType.Document: return DocValue.FromDocument(ReadDocument(element.GetDocumentReader()));
            case BsonType.Array:
                {
                    var items = new List<DocValue>();
                    var reader = element.GetDocumentReader();
                    while (reader.MoveNext())
                    {
                        items.Add(ReadValue(reader.Current));
                    }

                    return DocValue.FromArray(items);
                }

            case BsonType.Binary:
                {
                    var data = element.GetBinary(out var subtype);
                    return DocValue.FromBinary(subtype, data.ToArray());
                }

            case BsonType.ObjectId: return DocValue.FromObjectId(element.GetObjectId().ToArray());
            case BsonType.Boolean: return DocValue.FromBoolean(element.GetBoolean());
            case BsonType.DateTime: return DocValue.FromDateTime(element.GetDateTime());
            case BsonType.Null: return DocValue.Null;
            case BsonType.Int32: return DocValue.FromInt32(element.GetInt32());
            case BsonType.Timestamp: return DocValue.FromTimestamp(element.GetTimestamp());
            case BsonType.Int64: return DocValue.FromInt64(element.GetInt64());
            case BsonType.MinKey: return DocValue.MinKey;
            case BsonType.MaxKey: return DocValue.MaxKey;
            default: return DocValue.FromRaw(element.Type, element.Value.ToArray());
        }
    }

    /// <summary>
    /// Each thread's writer for <see cref="Write"/>, taken while in use (a nested call gets a new one): a document is
    /// encoded once per reply it goes into, and a new writer's doubling buffers cost 3–4 times the document's bytes in
    /// garbage each time. One that grew past 1 MiB is not kept.
    /// </summary>
    [ThreadStatic]
    private static BsonWriter? s_writer;

    public static byte[] Write(Doc document)
    {
        var writer = s_writer ?? new BsonWriter();
        s_writer = null;
        writer.Reset();
        writer.WriteStartDocument();
        WriteFields(writer, document);
        writer.WriteEndDocument();
        var bytes = writer.ToArray();
        if (bytes.Length <= 1024 * 1024)
        {
            s_writer = writer;
        }

        return bytes;
    }

    public static void WriteFields(BsonWriter writer, Doc document)
    {
        foreach (var field in document.Fields)
        {
            WriteValue(writer, field.Key, field.Value);
        }
    }

    public static void WriteValue(BsonWriter writer, string name, DocValue value)
    {
        if (value.HasRawBson)
        {
            writer.WriteRawValue(name, value.Type, value.Bytes);
            return;
        }

        switch (value.Type)
        {
            case BsonType.Double: writer.WriteDouble(name, value.Double); break;
            case BsonType.String: writer.WriteString(name, value.String); break;
            case BsonType.Document:
                writer.WriteStartDocument(name);
                WriteFields(writer, value.Document);
                writer.WriteEndDocument();
                break;
            case BsonType.Array:
                writer.WriteStartArray(name);
                for (var i = 0; i < value.Array.Count; i++)
                {
                    WriteValue(writer, i.ToString(System.Globalization.CultureInfo.InvariantCulture), value.Array[i]);
                }

                writer.WriteEndArray();
                break;
            case BsonType.Binary: writer.WriteBinary(name, value.Subtype, value.Bytes); break;
            case BsonType.ObjectId: writer.WriteObjectId(name, value.Bytes); break;
            case BsonType.Boolean: writer.WriteBoolean(name, value.Boolean); break;
            case BsonType.DateTime: writer.WriteDateTime(name, value.DateTimeMilliseconds); break;
            case BsonType.Null: writer.WriteNull(name); break;
            case BsonType.Int32: writer.WriteInt32(name, value.Int32); break;
            case BsonType.Timestamp: writer.WriteTimestamp(name, value.Timestamp); break;
            case BsonType.Int64: writer.WriteInt64(name, value.Int64); break;
            case BsonType.MinKey: writer.WriteMinKey(name); break;
            case BsonType.MaxKey: writer.WriteMaxKey(name); break;
            default: writer.WriteRawValue(name, value.Type, value.Bytes); break;
        }
    }
}
