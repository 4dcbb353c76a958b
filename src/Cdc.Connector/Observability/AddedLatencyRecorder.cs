using System.Diagnostics;
using System.Diagnostics.Metrics;
using Cdc.Connector.Checkpoint;

namespace Cdc.Connector.Observability;

/// <summary>
/// Feeds cdc_added_latency_seconds from the watermark's acknowledgements: the time from tracking an event (right after
/// it was read and mapped) to Kafka's acknowledgement of its last record. Runs on librdkafka's delivery thread: one
/// histogram record, no tags, no allocation.
/// </summary>
internal sealed class AddedLatencyRecorder : IAckLatencyObserver
{
    private readonly Histogram<double> _histogram;

    public AddedLatencyRecorder(Histogram<double> histogram) => _histogram = histogram;

    public void Acknowledged(long trackedTimestamp, long acknowledgedTimestamp) =>
        _histogram.Record(Stopwatch.GetElapsedTime(trackedTimestamp, acknowledgedTimestamp).TotalSeconds);
}
