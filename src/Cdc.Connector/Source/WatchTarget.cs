using Cdc.Connector.Configuration;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Cdc.Connector.Source;

/// <summary>
/// What the change stream watches (mongodb.scope with its database and collection): it describes itself in the words
/// and privilege resources of MongoDB's documentation and opens its own watch, so no other code switches on the scope.
/// </summary>
internal abstract record WatchTarget
{
    /// <summary>The database watched, or null for the whole cluster.</summary>
    public virtual string? Database => null;

    /// <summary>The collection watched, or null for a database or the whole cluster.</summary>
    public virtual string? Collection => null;

    public bool IsCluster => Database is null;

    /// <summary>"collection shop.orders", "database shop", "the whole cluster".</summary>
    public abstract string Description { get; }

    /// <summary>The namespace watched: "shop.orders", "shop", or null for the whole cluster.</summary>
    public virtual string? Namespace => null;

    /// <summary>The privilege resource a change stream on this target needs changeStream and find on.</summary>
    public abstract string Resource { get; }

    /// <summary>The built-in role that grants both actions on <see cref="Resource"/>.</summary>
    public string RoleHint => Database is not null
        ? $"the built-in read role on database {Database} has both"
        : "the built-in readAnyDatabase role has both";

    public static WatchTarget From(MongoDbOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Scope switch
        {
            WatchScope.Collection => new CollectionWatchTarget(Require(options.Database, "mongodb.database"), Require(options.Collection, "mongodb.collection")),
            WatchScope.Database => new DatabaseWatchTarget(Require(options.Database, "mongodb.database")),
            _ => new ClusterWatchTarget(),
        };
    }

    /// <summary>Opens the driver's change stream on this target.</summary>
    public abstract IChangeStreamCursor<RawBsonDocument> Watch(
        IMongoClient client,
        PipelineDefinition<ChangeStreamDocument<BsonDocument>, RawBsonDocument> pipeline,
        ChangeStreamOptions options,
        CancellationToken cancellationToken);

    private static string Require(string? value, string key) =>
        string.IsNullOrEmpty(value) ? throw new ConfigurationException($"'{key}' is required for this mongodb.scope.") : value;
}
