using MongoDB.Bson;
using MongoDB.Driver;

namespace Cdc.Connector.Source;

/// <summary>mongodb.scope cluster: every database but admin, local and config.</summary>
internal sealed record ClusterWatchTarget : WatchTarget
{
    public override string Description => "the whole cluster";

    public override string Resource => "{db: \"\", collection: \"\"} (every database)";

    public override IChangeStreamCursor<RawBsonDocument> Watch(
        IMongoClient client,
        PipelineDefinition<ChangeStreamDocument<BsonDocument>, RawBsonDocument> pipeline,
        ChangeStreamOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.Watch(pipeline, options, cancellationToken);
    }
}
