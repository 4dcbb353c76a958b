namespace Cdc.Connector.Checkpoint;

/// <summary>
/// Hears, for every event that produced records, when it was tracked (on the reading thread, right after mapping: a few
/// microseconds after the source handed it over) and when its last record was acknowledged by Kafka, both as
/// <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> values. The difference is the latency the connector adds.
/// Events that fail or are skipped are not reported.
/// </summary>
/// <remarks>Called on librdkafka's delivery thread, outside the watermark's lock: must be quick, thread-safe and never throw.</remarks>
internal interface IAckLatencyObserver
{
    void Acknowledged(long trackedTimestamp, long acknowledgedTimestamp);
}
