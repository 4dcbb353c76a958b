using Cdc.Schemas.Bson;

namespace Cdc.Connector.Source;

/// <summary>
/// Compiles mongodb.includeNamespaces / excludeNamespaces into one server-side <c>$match</c> stage, so filtered-out
/// events never cross the network (the postBatchResumeToken still advances past them).
/// </summary>
/// <remarks>
/// Policy for events without a full namespace:
/// <list type="bullet">
/// <item><c>invalidate</c> (no <c>ns</c> at all) always passes: it ends the stream and the connector must see it.</item>
/// <item>Database-level events (<c>dropDatabase</c>: <c>ns</c> has no <c>coll</c>) pass an include entry that names the
/// database, whole ("db") or through one of its collections ("db.coll"), because dropping the database drops those
/// collections; only an exclude of the whole database ("db") removes them, an exclude of "db.coll" does not.</item>
/// <item><c>rename</c> is matched on its source namespace (<c>ns</c>), not on <c>to</c>.</item>
/// </list>
/// </remarks>
internal static class NamespaceFilter
{
    /// <summary>The <c>$match</c> stage as a BSON document, or null when both lists are empty (no stage at all).</summary>
    public static byte[]? Compile(IReadOnlyList<string> include, IReadOnlyList<string> exclude)
    {
        ArgumentNullException.ThrowIfNull(include);
        ArgumentNullException.ThrowIfNull(exclude);
        if (include.Count == 0 && exclude.Count == 0)
        {
            return null;
        }

        var writer = new BsonWriter();
        writer.WriteStartDocument();
        writer.WriteStartDocument("$match");
        writer.WriteStartArray("$or");

        writer.WriteStartDocument();
        writer.WriteString("operationType", "invalidate");
        writer.WriteEndDocument();

        writer.WriteStartDocument();
        writer.WriteStartArray("$and");
        if (include.Count > 0)
        {
            writer.WriteStartDocument();
            writer.WriteStartArray("$or");
            foreach (var entry in include)
            {
                WriteIncluded(writer, NamespacePattern.Parse(entry, "mongodb.includeNamespaces"));
            }

            writer.WriteEndArray();
            writer.WriteEndDocument();
        }

        if (exclude.Count > 0)
        {
            writer.WriteStartDocument();
            writer.WriteStartArray("$nor");
            foreach (var entry in exclude)
            {
                WriteExcluded(writer, NamespacePattern.Parse(entry, "mongodb.excludeNamespaces"));
            }

            writer.WriteEndArray();
            writer.WriteEndDocument();
        }

        writer.WriteEndArray();
        writer.WriteEndDocument();

        writer.WriteEndArray();
        writer.WriteEndDocument();
        writer.WriteEndDocument();
        return writer.ToArray();
    }

    // "db" → {ns.db: db}; "db.coll" → {ns.db: db, $or: [{ns.coll: coll}, {ns.coll: {$exists: false}}]}.
    private static void WriteIncluded(BsonWriter writer, NamespacePattern pattern)
    {
        writer.WriteStartDocument();
        writer.WriteString("ns.db", pattern.Database);
        if (pattern.Collection is { } collection)
        {
            writer.WriteStartArray("$or");
            writer.WriteStartDocument();
            writer.WriteString("ns.coll", collection);
            writer.WriteEndDocument();
            writer.WriteStartDocument();
            writer.WriteStartDocument("ns.coll");
            writer.WriteBoolean("$exists", false);
            writer.WriteEndDocument();
            writer.WriteEndDocument();
            writer.WriteEndArray();
        }

        writer.WriteEndDocument();
    }

    // "db" → {ns.db: db}; "db.coll" → {ns.db: db, ns.coll: coll} (a database-level event has no ns.coll: not excluded).
    private static void WriteExcluded(BsonWriter writer, NamespacePattern pattern)
    {
        writer.WriteStartDocument();
        writer.WriteString("ns.db", pattern.Database);
        if (pattern.Collection is { } collection)
        {
            writer.WriteString("ns.coll", collection);
        }

        writer.WriteEndDocument();
    }
}
