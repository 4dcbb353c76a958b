using Cdc.Connector.Configuration;

namespace Cdc.Connector.Source;

/// <summary>
/// What the change stream watches (mongodb.scope with its database and collection), in the words and privilege
/// resources of MongoDB's documentation: the one place that switches on the scope.
/// </summary>
internal sealed record WatchTarget(string Scope, string? Database, string? Collection)
{
    public static WatchTarget From(MongoDbOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Scope switch
        {
            "collection" => new WatchTarget("collection", Require(options.Database, "mongodb.database"), Require(options.Collection, "mongodb.collection")),
            "database" => new WatchTarget("database", Require(options.Database, "mongodb.database"), null),
            "cluster" => new WatchTarget("cluster", null, null),
            _ => throw new ConfigurationException($"'mongodb.scope' must be cluster, database or collection, not '{options.Scope}'."),
        };
    }

    public bool IsCluster => Database is null;

    /// <summary>"collection shop.orders", "database shop", "the whole cluster".</summary>
    public string Description => Collection is not null ? $"collection {Database}.{Collection}"
        : Database is not null ? $"database {Database}"
        : "the whole cluster";

    /// <summary>The privilege resource a change stream on this target needs changeStream and find on.</summary>
    public string Resource => Collection is not null ? $"{{db: \"{Database}\", collection: \"{Collection}\"}}"
        : Database is not null ? $"{{db: \"{Database}\", collection: \"\"}}"
        : "{db: \"\", collection: \"\"} (every database)";

    /// <summary>The built-in role that grants both actions on <see cref="Resource"/>.</summary>
    public string RoleHint => Database is not null
        ? $"the built-in read role on database {Database} has both"
        : "the built-in readAnyDatabase role has both";

    private static string Require(string? value, string key) =>
        string.IsNullOrEmpty(value) ? throw new ConfigurationException($"'{key}' is required for this mongodb.scope.") : value;
}
