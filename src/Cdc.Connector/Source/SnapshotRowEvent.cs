using Cdc.Schemas.Bson;

namespace Cdc.Connector.Source;

/// <summary>
/// A snapshot row in the shape of a change event, so it goes through exactly the mapping, keys, topics and schemas a
/// change of the same document does: <c>{_id: &lt;token of the emitting position&gt;, operationType: "snapshot",
/// clusterTime: &lt;that position's time&gt;, ns: {db, coll}, documentKey: {_id}, fullDocument: &lt;the document&gt;}</c>
/// (no wallTime: a snapshot row has no write of its own).
/// </summary>
internal static class SnapshotRowEvent
{
    public const string OperationType = "snapshot";

    /// <summary>Writes the row into <paramref name="writer"/> (reset first) and returns its bytes, valid until the writer's next use.</summary>
    public static ReadOnlySpan<byte> Write(BsonWriter writer, ReadOnlySpan<byte> token, BsonTimestamp time, SnapshotNamespace collection, ReadOnlySpan<byte> document)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Reset();
        writer.WriteStartDocument();
        writer.WriteRawValue("_id", BsonType.Document, token);
        writer.WriteString("operationType", OperationType);
        writer.WriteTimestamp("clusterTime", time);
        writer.WriteStartDocument("ns");
        writer.WriteString("db", collection.Database);
        writer.WriteString("coll", collection.Collection);
        writer.WriteEndDocument();
        writer.WriteStartDocument("documentKey");
        var reader = new BsonReader(document);
        while (reader.MoveNext())
        {
            if (reader.Current.NameEquals("_id"u8))
            {
                writer.WriteRawValue("_id", reader.Current.Type, reader.Current.Value);
                break;
            }
        }

        writer.WriteEndDocument();
        writer.WriteRawValue("fullDocument", BsonType.Document, document);
        writer.WriteEndDocument();
        return writer.WrittenSpan;
    }
}
