using Cdc.Schemas.Mapping;

namespace Cdc.Connector.Configuration;

/// <summary>
/// The generated topics of the namespaces the configuration itself names: the prefix alone (events without a
/// namespace), the collection of a collection stream, the database of a database stream (its dropDatabase event), and
/// every entry of mongodb.includeNamespaces within the scope. A namespace with a kafka.topics entry is left out: its
/// generated topic is never used. The other namespaces of a database or cluster stream appear only at run time, where
/// the mapper checks their topics.
/// </summary>
internal static class NamedNamespaceTopics
{
    private const string Prefix = "'kafka.topicPrefix'";

    public static IReadOnlyList<NamedNamespaceTopic> Of(CdcOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var found = new List<NamedNamespaceTopic>();
        if (!TopicNames.IsLegal(options.Kafka.TopicPrefix))
        {
            // The prefix's own problem is reported; no topic can be generated from it.
            return found;
        }

        Add(found, options, null, null, $"{Prefix} itself makes");
        var mongo = options.MongoDb;
        switch (mongo.Scope)
        {
            case WatchScope.Collection when mongo.Database is not null && mongo.Collection is not null:
                Add(found, options, mongo.Database, mongo.Collection, $"{Prefix}, 'mongodb.database' and 'mongodb.collection' make");
                break;
            case WatchScope.Database when mongo.Database is not null:
                Add(found, options, mongo.Database, null, $"{Prefix} and 'mongodb.database' make");
                AddIncluded(found, options, mongo.Database);
                break;
            case WatchScope.Cluster:
                AddIncluded(found, options, null);
                break;
        }

        return found;
    }

    /// <summary>The entries of mongodb.includeNamespaces ("db" or "db.coll") of <paramref name="database"/>, or of any database when null.</summary>
    private static void AddIncluded(List<NamedNamespaceTopic> found, CdcOptions options, string? database)
    {
        foreach (var pattern in options.MongoDb.IncludeNamespaces)
        {
            var dot = pattern.IndexOf('.', StringComparison.Ordinal);
            var db = dot < 0 ? pattern : pattern[..dot];
            if (db.Length > 0 && (database is null || db == database))
            {
                Add(found, options, db, dot < 0 ? null : pattern[(dot + 1)..], $"{Prefix} and 'mongodb.includeNamespaces' make");
            }
        }
    }

    private static void Add(List<NamedNamespaceTopic> found, CdcOptions options, string? db, string? coll, string madeBy)
    {
        // The override key as the mapper looks it up: "db.coll", or "db" for database-level events.
        var overrideKey = db is null ? null : coll is null ? db : $"{db}.{coll}";
        if (overrideKey is not null && options.Kafka.Topics.ContainsKey(overrideKey))
        {
            return;
        }

        string topic;
        try
        {
            topic = TopicNames.Compose(options.Kafka.TopicPrefix, db, coll);
        }
        catch (ArgumentException)
        {
            // A name with a lone surrogate has no UTF-8 form and so no topic (the mapper refuses it too): nothing to compare.
            return;
        }

        if (!found.Exists(named => named.Topic == topic))
        {
            found.Add(new NamedNamespaceTopic(topic, db, coll, madeBy));
        }
    }
}
