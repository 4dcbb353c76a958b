using Cdc.Connector.LiveView;
using Cdc.Connector.Observability;
using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Pipeline;

/// <summary>
/// Where a pipeline reports what it does: the totals the metrics read, the state that /status and readiness read, its
/// log, and the live view's feed when http.liveView is on. One set per pipeline, shared by every cycle and with whoever
/// reports them (the operations endpoint, the demo).
/// </summary>
internal sealed record PipelineObservers(PipelineCounters Counters, ConnectorStatus Status, ILogger Logger, LiveChangeFeed? Live = null);
