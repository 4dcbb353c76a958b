namespace Cdc.Connector.Sink;

/// <summary>
/// STUB (contract): makes Confluent.Kafka load the system librdkafka (librdkafka.so.1) through a DllImportResolver;
/// a missing library becomes an error naming the package to install (librdkafka1). Idempotent, thread-safe.
/// </summary>
internal static class LibrdkafkaLoader
{
    public static void EnsureLoaded()
    {
    }
}
