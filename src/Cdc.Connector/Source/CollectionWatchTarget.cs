using MongoDB.Bson;
using MongoDB.Driver;

namespace Cdc.Connector.Source;

/// <summary>mongodb.scope collection: one collection.</summary>
internal sealed record CollectionWatchTarget(string DatabaseName, string CollectionName) : WatchTarget
{
    public override string Database => DatabaseName;

    public override string Collection => CollectionName;

    public override string Description => $"collection {Namespace}";

    public override string Namespace => $"{DatabaseName}.{CollectionName}";

    public override string Resource => $"{{db: \"{DatabaseName}\", collection: \"{CollectionName}\"}}";

    public override IChangeStreamCursor<RawBsonDocument> Watch(
        IMongoClient client,
        PipelineDefinition<ChangeStreamDocument<BsonDocument>, RawBsonDocument> pipeline,
        ChangeStreamOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.GetDatabase(DatabaseName).GetCollection<BsonDocument>(CollectionName).Watch(pipeline, options, cancellationToken);
    }
}
