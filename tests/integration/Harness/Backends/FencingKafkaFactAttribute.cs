namespace Cdc.Integration.Tests;

/// <summary>
/// A test that needs brokers which fence transactional producers: librdkafka's mock cluster, under the cdc sandbox,
/// accepts InitTransactions but lets the older producer go on committing, so there the test is reported as skipped.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class FencingKafkaFactAttribute : FactAttribute
{
    public FencingKafkaFactAttribute() => Skip = ItBackendSelection.Current.Backend is ItBackend.Containers or ItBackend.RealServices
        ? null
        : "The tests run against the cdc sandbox, whose mock Kafka does not fence transactional producers.";
}
