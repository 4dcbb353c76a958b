using Cdc.Connector.Source;
using Cdc.Schemas.Bson;

namespace Cdc.Cli;

/// <summary>
/// `cdc inspect` of a snapshot row: the input <c>{"operationType": "snapshot", "ns": {db, coll}, "fullDocument": {…}}</c>
/// becomes the event `cdc run` maps for that document (<see cref="SnapshotRowEvent"/>), so the key, topic and value are
/// exactly a snapshot's. The emitting position is only known at run time: the input's <c>_id</c> and
/// <c>clusterTime</c> are used when given, else a zero position stands in.
/// </summary>
internal static class SnapshotRowInput
{
    private static readonly byte[] ZeroToken = Cdc.Schemas.ExtendedJson.ExtendedJsonParser.ParseDocument("""{"_data": "820000000000000000"}""");

    /// <summary>The event to map: <paramref name="input"/> itself unless it is a snapshot row without a document key.</summary>
    public static byte[] ToEvent(byte[] input)
    {
        ReadOnlySpan<byte> operationType = default, token = default, fullDocument = default;
        string? database = null, collection = null;
        BsonTimestamp time = default;
        var hasDocumentKey = false;
        var reader = new BsonReader(input);
        while (reader.MoveNext())
        {
            var element = reader.Current;
            if (element.NameEquals("operationType"u8) && element.Type == BsonType.String)
            {
                operationType = element.GetStringUtf8();
            }
            else if (element.NameEquals("_id"u8) && element.Type == BsonType.Document)
            {
                token = element.Value;
            }
            else if (element.NameEquals("clusterTime"u8) && element.Type == BsonType.Timestamp)
            {
                time = element.GetTimestamp();
            }
            else if (element.NameEquals("documentKey"u8))
            {
                hasDocumentKey = true;
            }
            else if (element.NameEquals("fullDocument"u8) && element.Type == BsonType.Document)
            {
                fullDocument = element.Value;
            }
            else if (element.NameEquals("ns"u8) && element.Type == BsonType.Document)
            {
                var ns = element.GetDocumentReader();
                while (ns.MoveNext())
                {
                    if (ns.Current.Type == BsonType.String && ns.Current.NameEquals("db"u8))
                    {
                        database = System.Text.Encoding.UTF8.GetString(ns.Current.GetStringUtf8());
                    }
                    else if (ns.Current.Type == BsonType.String && ns.Current.NameEquals("coll"u8))
                    {
                        collection = System.Text.Encoding.UTF8.GetString(ns.Current.GetStringUtf8());
                    }
                }
            }
        }

        if (!operationType.SequenceEqual("snapshot"u8) || hasDocumentKey)
        {
            return input;
        }

        if (database is null || collection is null)
        {
            throw new InspectInputException("a snapshot row needs \"ns\": {\"db\": …, \"coll\": …}, the collection it is read from.");
        }

        if (fullDocument.IsEmpty || !HasId(fullDocument))
        {
            throw new InspectInputException("a snapshot row needs \"fullDocument\": the document as MongoDB holds it, with its _id.");
        }

        var writer = new BsonWriter();
        return SnapshotRowEvent.Write(writer, token.IsEmpty ? ZeroToken : token, time, new SnapshotNamespace(database, collection), fullDocument).ToArray();
    }

    private static bool HasId(ReadOnlySpan<byte> document)
    {
        var reader = new BsonReader(document);
        while (reader.MoveNext())
        {
            if (reader.Current.NameEquals("_id"u8))
            {
                return true;
            }
        }

        return false;
    }
}
