using Cdc.Connector.Observability;
using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Pipeline;

/// <summary>
/// Where a pipeline reports what it does: the totals the metrics read, the state that /status and readiness read, and
/// its log. One set per pipeline, shared by every cycle and with whoever reports them (the operations endpoint, the demo).
/// </summary>
internal sealed record PipelineObservers(PipelineCounters Counters, ConnectorStatus Status, ILogger Logger);
