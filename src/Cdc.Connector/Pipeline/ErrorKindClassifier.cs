using Cdc.Connector.Checkpoint;
using Cdc.Connector.Interop.Mongoc;
using Cdc.Connector.Sink;
using Cdc.Connector.Source;
using Cdc.Schemas.Registry;
using Confluent.Kafka;

namespace Cdc.Connector.Pipeline;

/// <summary>Which <see cref="ErrorKinds"/> label a cycle's failure counts under in cdc_errors_total.</summary>
internal static class ErrorKindClassifier
{
    public static string Classify(Exception failure) => failure switch
    {
        MongoException mongo => SourceFailureClassifier.Classify(mongo) is SourceFailureKind.HistoryLost or SourceFailureKind.InvalidToken
            ? ErrorKinds.ResumePositionLost
            : ErrorKinds.Source,
        KafkaDeliveryException or KafkaException or TimeoutException => ErrorKinds.Kafka,
        SchemaIdRegistrationException or SchemaRegistryException => ErrorKinds.SchemaRegistry,
        RecordTooLargeException or DeadLetterUnavailableException or UnresumableEventException => ErrorKinds.Event,
        CheckpointStoreException => ErrorKinds.Checkpoint,
        _ => ErrorKinds.Other,
    };
}
