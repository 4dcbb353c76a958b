using Cdc.Connector.Checkpoint;

namespace Cdc.Connector.Tests.Checkpoint;

/// <summary>Keeps every (tracked, acknowledged) pair an <see cref="AckWatermark"/> reports.</summary>
internal sealed class RecordingLatencyObserver : IAckLatencyObserver
{
    private readonly Lock _lock = new();
    private readonly List<(long Tracked, long Acknowledged)> _reports = [];

    public IReadOnlyList<(long Tracked, long Acknowledged)> Reports
    {
        get
        {
            lock (_lock)
            {
                return [.. _reports];
            }
        }
    }

    public void Acknowledged(long trackedTimestamp, long acknowledgedTimestamp)
    {
        lock (_lock)
        {
            _reports.Add((trackedTimestamp, acknowledgedTimestamp));
        }
    }
}
