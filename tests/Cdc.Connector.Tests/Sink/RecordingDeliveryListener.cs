using Cdc.Connector.Sink;

namespace Cdc.Connector.Tests.Sink;

/// <summary>Records every delivery callback, in arrival order, for assertions; waits for a count with a deadline.</summary>
internal sealed class RecordingDeliveryListener : IDeliveryListener
{
    private readonly Lock _gate = new();
    private readonly List<long> _delivered = [];
    private readonly List<(long Sequence, Exception Error)> _failed = [];
    private readonly List<Exception> _producerFailures = [];

    public IReadOnlyList<long> Delivered
    {
        get
        {
            lock (_gate)
            {
                return [.. _delivered];
            }
        }
    }

    public IReadOnlyList<(long Sequence, Exception Error)> Failures
    {
        get
        {
            lock (_gate)
            {
                return [.. _failed];
            }
        }
    }

    public IReadOnlyList<Exception> ProducerFailures
    {
        get
        {
            lock (_gate)
            {
                return [.. _producerFailures];
            }
        }
    }

    void IDeliveryListener.Delivered(long sequence)
    {
        lock (_gate)
        {
            _delivered.Add(sequence);
        }
    }

    void IDeliveryListener.Failed(long sequence, Exception error)
    {
        lock (_gate)
        {
            _failed.Add((sequence, error));
        }
    }

    void IDeliveryListener.ProducerFailed(Exception error)
    {
        lock (_gate)
        {
            _producerFailures.Add(error);
        }
    }

    /// <summary>Waits until delivered + failed reports reach <paramref name="reports"/>; false on timeout.</summary>
    public bool WaitForReports(int reports, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            lock (_gate)
            {
                if (_delivered.Count + _failed.Count >= reports)
                {
                    return true;
                }
            }

            Thread.Sleep(10);
        }

        return false;
    }
}
