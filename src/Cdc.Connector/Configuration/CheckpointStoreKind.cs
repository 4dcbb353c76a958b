namespace Cdc.Connector.Configuration;

/// <summary>checkpoint.store: where the committed position is kept.</summary>
internal enum CheckpointStoreKind
{
    File,
    Kafka,
    MongoDb,
}
