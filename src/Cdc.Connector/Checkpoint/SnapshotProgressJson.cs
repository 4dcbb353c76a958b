using System.Text.Json;
using Cdc.Connector.Source;
using Cdc.Schemas.ExtendedJson;

namespace Cdc.Connector.Checkpoint;

/// <summary>
/// The <c>"snapshot"</c> property of a version 2 JSON checkpoint (<see cref="CheckpointCodec"/>): <c>null</c>, or
/// <c>{"collections":[{"db":"shop","coll":"orders","trigger":"initial","lastId":{"_id":{"$oid":"…"}},"done":false,"rows":12000}]}</c>.
/// <c>lastId</c> is canonical Extended JSON, so the <c>_id</c> keeps its BSON type exactly. Read as strictly as the rest
/// of the checkpoint: every problem names its place (<c>'snapshot.collections[1].rows'</c>).
/// </summary>
internal static class SnapshotProgressJson
{
    private static readonly HashSet<string> EntryProperties =
        new(StringComparer.Ordinal) { "db", "coll", "trigger", "lastId", "done", "rows" };

    public static void Write(Utf8JsonWriter json, SnapshotProgress? snapshot)
    {
        json.WritePropertyName("snapshot");
        if (snapshot is null)
        {
            json.WriteNullValue();
            return;
        }

        SnapshotCheckpointRules.CheckWritable(snapshot);
        json.WriteStartObject();
        json.WriteStartArray("collections");
        foreach (var collection in snapshot.Collections)
        {
            json.WriteStartObject();
            json.WriteString("db", collection.Database);
            json.WriteString("coll", collection.Collection);
            json.WriteString("trigger", collection.Trigger);
            json.WritePropertyName("lastId");
            if (collection.LastId is { } lastId)
            {
                json.WriteRawValue(ExactExtendedJson.Write(lastId, $"The last snapshotted _id of {collection.Namespace} to save"), skipInputValidation: false);
            }
            else
            {
                json.WriteNullValue();
            }

            json.WriteBoolean("done", collection.Done);
            json.WriteNumber("rows", collection.Rows);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The value of <c>"snapshot"</c>; null for JSON null.</summary>
    public static SnapshotProgress? Read(JsonElement snapshot, CheckpointLocation location)
    {
        if (snapshot.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (snapshot.ValueKind != JsonValueKind.Object)
        {
            throw CheckpointCodec.Invalid(location, $"'snapshot' must be null or an object {{\"collections\": [...]}}; got {CheckpointCodec.Kind(snapshot)}");
        }

        foreach (var property in snapshot.EnumerateObject())
        {
            if (property.Name != "collections")
            {
                throw CheckpointCodec.Invalid(location, $"'snapshot' has an unexpected property '{property.Name}'");
            }
        }

        if (!snapshot.TryGetProperty("collections", out var collections))
        {
            throw CheckpointCodec.Invalid(location, "'snapshot' has no 'collections'");
        }

        if (collections.ValueKind != JsonValueKind.Array)
        {
            throw CheckpointCodec.Invalid(location, $"'snapshot.collections' must be an array; got {CheckpointCodec.Kind(collections)}");
        }

        var read = new List<CollectionSnapshotProgress>(collections.GetArrayLength());
        foreach (var entry in collections.EnumerateArray())
        {
            var place = $"snapshot.collections[{read.Count}]";
            var collection = ReadCollection(entry, place, location);
            var earlier = SnapshotCheckpointRules.EarlierIndexOf(read, read.Count, collection);
            if (earlier >= 0)
            {
                throw CheckpointCodec.Invalid(location, $"'{place}' is {collection.Namespace} again, already at [{earlier}] (each collection is listed once)");
            }

            read.Add(collection);
        }

        return new SnapshotProgress(read);
    }

    private static CollectionSnapshotProgress ReadCollection(JsonElement entry, string place, CheckpointLocation location)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw CheckpointCodec.Invalid(location, $"'{place}' must be an object; got {CheckpointCodec.Kind(entry)}");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in entry.EnumerateObject())
        {
            if (!EntryProperties.Contains(property.Name))
            {
                throw CheckpointCodec.Invalid(location, $"'{place}' has an unexpected property '{property.Name}'");
            }

            if (!seen.Add(property.Name))
            {
                throw CheckpointCodec.Invalid(location, $"'{place}' has '{property.Name}' twice");
            }
        }

        var database = ReadName(entry, place, "db", location);
        var collection = ReadName(entry, place, "coll", location);
        var trigger = ReadName(entry, place, "trigger", location);
        var lastId = ReadLastId(Required(entry, place, "lastId", location), place, location);
        var done = Required(entry, place, "done", location);
        if (done.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw CheckpointCodec.Invalid(location, $"'{place}.done' must be true or false; got {CheckpointCodec.Kind(done)}");
        }

        var rows = Required(entry, place, "rows", location);
        if (rows.ValueKind != JsonValueKind.Number || !rows.TryGetInt64(out var count) || count < 0)
        {
            throw CheckpointCodec.Invalid(location, $"'{place}.rows' must be a whole number of 0 or more; got {rows.GetRawText()}");
        }

        return new CollectionSnapshotProgress(database, collection, trigger, lastId, done.GetBoolean(), count);
    }

    /// <summary>db, coll or trigger: a non-empty string (any trigger, so one a later release names still loads).</summary>
    private static string ReadName(JsonElement entry, string place, string name, CheckpointLocation location)
    {
        var value = Required(entry, place, name, location);
        return value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw CheckpointCodec.Invalid(location, $"'{place}.{name}' must be a non-empty string; got {value.GetRawText()}");
    }

    private static byte[]? ReadLastId(JsonElement lastId, string place, CheckpointLocation location)
    {
        if (lastId.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (lastId.ValueKind != JsonValueKind.Object)
        {
            throw CheckpointCodec.Invalid(location, $"'{place}.lastId' must be an Extended JSON object {{\"_id\": <value>}} or null; got {CheckpointCodec.Kind(lastId)}");
        }

        byte[] bson;
        try
        {
            bson = ExtendedJsonParser.ParseDocument(lastId.GetRawText());
        }
        catch (ExtendedJsonException ex)
        {
            throw CheckpointCodec.Invalid(location, $"'{place}.lastId' is not valid Extended JSON: {ex.Message}", ex);
        }

        return SnapshotCheckpointRules.IsIdOnly(bson)
            ? bson
            : throw CheckpointCodec.Invalid(location, $"'{place}.lastId' must have exactly one field, '_id'; got {lastId.GetRawText()}");
    }

    private static JsonElement Required(JsonElement entry, string place, string name, CheckpointLocation location) =>
        entry.TryGetProperty(name, out var value) ? value : throw CheckpointCodec.Invalid(location, $"'{place}' has no '{name}'");
}
