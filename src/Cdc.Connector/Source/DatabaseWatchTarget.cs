using MongoDB.Bson;
using MongoDB.Driver;

namespace Cdc.Connector.Source;

/// <summary>mongodb.scope database: every collection of one database.</summary>
internal sealed record DatabaseWatchTarget(string Name) : WatchTarget
{
    public override string Database => Name;

    public override string Description => $"database {Name}";

    public override string Namespace => Name;

    public override string Resource => $"{{db: \"{Name}\", collection: \"\"}}";

    public override IChangeStreamCursor<RawBsonDocument> Watch(
        IMongoClient client,
        PipelineDefinition<ChangeStreamDocument<BsonDocument>, RawBsonDocument> pipeline,
        ChangeStreamOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.GetDatabase(Name).Watch(pipeline, options, cancellationToken);
    }
}
