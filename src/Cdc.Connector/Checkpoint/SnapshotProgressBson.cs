using System.Text;
using Cdc.Connector.Source;
using Cdc.Schemas.Bson;

namespace Cdc.Connector.Checkpoint;

/// <summary>
/// The <c>snapshot</c> field of a version 2 mongodb checkpoint document (<see cref="MongoDbCheckpointDocument"/>):
/// null, or <c>{collections: [{db, coll, trigger, lastId: {_id: value} | null, done: bool, rows: int64}]}</c>. The
/// <c>_id</c> stays BSON, so it is exact. Read strictly (unlike the document's top level, which the store's lease adds
/// <c>writerEpoch</c> to, nothing else writes here): every problem names its place (<c>'snapshot.collections[1].rows'</c>).
/// </summary>
internal static class SnapshotProgressBson
{
    public static void Write(BsonWriter writer, SnapshotProgress? snapshot)
    {
        if (snapshot is null)
        {
            writer.WriteNull("snapshot");
            return;
        }

        SnapshotCheckpointRules.CheckWritable(snapshot);
        writer.WriteStartDocument("snapshot");
        writer.WriteStartArray("collections");
        foreach (var collection in snapshot.Collections)
        {
            writer.WriteStartDocument();
            writer.WriteString("db", collection.Database);
            writer.WriteString("coll", collection.Collection);
            writer.WriteString("trigger", collection.Trigger);
            if (collection.LastId is { } lastId)
            {
                writer.WriteRawValue("lastId", BsonType.Document, lastId);
            }
            else
            {
                writer.WriteNull("lastId");
            }

            writer.WriteBoolean("done", collection.Done);
            writer.WriteInt64("rows", collection.Rows);
            writer.WriteEndDocument();
        }

        writer.WriteEndArray();
        writer.WriteEndDocument();
    }

    /// <summary>The <c>snapshot</c> field's value (of <paramref name="type"/>; the whole document when it is one), from a document already validated as BSON.</summary>
    public static SnapshotProgress? Read(BsonType type, ReadOnlySpan<byte> value, CheckpointLocation location)
    {
        if (type == BsonType.Null)
        {
            return null;
        }

        if (type != BsonType.Document)
        {
            throw WrongType(location, "snapshot", "null or a document {collections: [...]}", type);
        }

        var collections = new List<CollectionSnapshotProgress>();
        var found = false;
        var reader = new BsonReader(value);
        while (reader.MoveNext())
        {
            var element = reader.Current;
            if (!element.NameEquals("collections"u8))
            {
                throw CheckpointCodec.Invalid(location, $"'snapshot' has an unexpected field '{Name(element)}'");
            }

            if (found)
            {
                throw CheckpointCodec.Invalid(location, "'snapshot' has 'collections' twice");
            }

            found = true;
            if (element.Type != BsonType.Array)
            {
                throw WrongType(location, "snapshot.collections", "an array", element.Type);
            }

            var entries = element.GetDocumentReader();
            while (entries.MoveNext())
            {
                var place = $"snapshot.collections[{collections.Count}]";
                var entry = entries.Current;
                if (entry.Type != BsonType.Document)
                {
                    throw WrongType(location, place, "a document", entry.Type);
                }

                var collection = ReadCollection(entry.Value, place, location);
                var earlier = SnapshotCheckpointRules.EarlierIndexOf(collections, collections.Count, collection);
                if (earlier >= 0)
                {
                    throw CheckpointCodec.Invalid(location, $"'{place}' is {collection.Namespace} again, already at [{earlier}] (each collection is listed once)");
                }

                collections.Add(collection);
            }
        }

        return found ? new SnapshotProgress(collections) : throw CheckpointCodec.Invalid(location, "'snapshot' has no 'collections'");
    }

    private static CollectionSnapshotProgress ReadCollection(ReadOnlySpan<byte> document, string place, CheckpointLocation location)
    {
        string? database = null;
        string? collection = null;
        string? trigger = null;
        byte[]? lastId = null;
        var hasLastId = false;
        bool? done = null;
        long? rows = null;
        var reader = new BsonReader(document);
        while (reader.MoveNext())
        {
            var element = reader.Current;
            if (element.NameEquals("db"u8))
            {
                database = database is null ? ReadName(element, place, "db", location) : throw Twice(location, place, "db");
            }
            else if (element.NameEquals("coll"u8))
            {
                collection = collection is null ? ReadName(element, place, "coll", location) : throw Twice(location, place, "coll");
            }
            else if (element.NameEquals("trigger"u8))
            {
                trigger = trigger is null ? ReadName(element, place, "trigger", location) : throw Twice(location, place, "trigger");
            }
            else if (element.NameEquals("lastId"u8))
            {
                lastId = hasLastId ? throw Twice(location, place, "lastId") : ReadLastId(element, place, location);
                hasLastId = true;
            }
            else if (element.NameEquals("done"u8))
            {
                done = done is null ? ReadDone(element, place, location) : throw Twice(location, place, "done");
            }
            else if (element.NameEquals("rows"u8))
            {
                rows = rows is null ? ReadRows(element, place, location) : throw Twice(location, place, "rows");
            }
            else
            {
                throw CheckpointCodec.Invalid(location, $"'{place}' has an unexpected field '{Name(element)}'");
            }
        }

        if (database is null || collection is null || trigger is null || !hasLastId || done is null || rows is null)
        {
            throw CheckpointCodec.Invalid(location, $"'{place}' lacks one of db, coll, trigger, lastId, done, rows");
        }

        return new CollectionSnapshotProgress(database, collection, trigger, lastId, done.Value, rows.Value);
    }

    /// <summary>db, coll or trigger: a non-empty string (any trigger, so one a later release names still loads).</summary>
    private static string ReadName(BsonElement element, string place, string name, CheckpointLocation location)
    {
        if (element.Type != BsonType.String)
        {
            throw WrongType(location, $"{place}.{name}", "a non-empty string", element.Type);
        }

        var value = Encoding.UTF8.GetString(element.GetStringUtf8());
        return value.Length > 0 ? value : throw CheckpointCodec.Invalid(location, $"'{place}.{name}' must be a non-empty string; got \"\"");
    }

    private static bool ReadDone(BsonElement element, string place, CheckpointLocation location) =>
        element.Type == BsonType.Boolean ? element.GetBoolean() : throw WrongType(location, place + ".done", "a boolean", element.Type);

    private static long ReadRows(BsonElement element, string place, CheckpointLocation location)
    {
        if (element.Type != BsonType.Int64)
        {
            throw WrongType(location, place + ".rows", "an int64 of 0 or more", element.Type);
        }

        var rows = element.GetInt64();
        return rows >= 0 ? rows : throw CheckpointCodec.Invalid(location, $"'{place}.rows' must be an int64 of 0 or more; got {rows}");
    }

    private static byte[]? ReadLastId(BsonElement element, string place, CheckpointLocation location) => element.Type switch
    {
        BsonType.Null => null,
        BsonType.Document when SnapshotCheckpointRules.IsIdOnly(element.Value) => element.Value.ToArray(),
        BsonType.Document => throw CheckpointCodec.Invalid(location, $"'{place}.lastId' must have exactly one field, '_id'"),
        _ => throw WrongType(location, place + ".lastId", "a document {_id: <value>} or null", element.Type),
    };

    private static string Name(BsonElement element) => Encoding.UTF8.GetString(element.Name);

    private static CheckpointStoreException Twice(CheckpointLocation location, string place, string name) =>
        CheckpointCodec.Invalid(location, $"'{place}' has '{name}' twice");

    private static CheckpointStoreException WrongType(CheckpointLocation location, string field, string expected, BsonType actual) =>
        CheckpointCodec.Invalid(location, $"'{field}' must be {expected}; got {actual}");
}
