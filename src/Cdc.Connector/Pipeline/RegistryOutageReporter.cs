using Cdc.Connector.Observability;
using Cdc.Connector.Sink;

namespace Cdc.Connector.Pipeline;

/// <summary>
/// Makes a Schema Registry that does not answer visible: each failed call counts in
/// cdc_errors_total{kind="schema_registry"}, and the outage pauses reading in /readyz until the registry answers.
/// </summary>
internal sealed class RegistryOutageReporter(PipelineCounters counters, ConnectorStatus status) : IRegistryRetryListener
{
    public void CallFailed(string subject, int attempt, string problem)
    {
        counters.ErrorOccurred(ErrorKinds.SchemaRegistry);
        status.RegistryFailed(subject, attempt, problem);
    }

    public void RetriesEnded(string subject) => status.RegistryAnswered();
}
