using System.Diagnostics;
using System.Threading.Channels;
using Cdc.Connector.Observability;
using Cdc.Connector.Sink;
using Cdc.Schemas.Bson;

namespace Cdc.Connector.LiveView;

/// <summary>
/// The live view's source: each change the pipeline publishes, shown once Kafka acknowledged all its records, with
/// where they landed. It costs the pipeline nothing while no client watches (<see cref="IsActive"/> is one volatile
/// read); while one does, the reading thread copies each event's bytes (<see cref="Captured"/>) and librdkafka's delivery
/// thread adds each record's placement (<see cref="Placed"/>). Everything else (pairing up, handing each change to every
/// client, encoding its JSON once when a client sends it) happens on the feed's own task, and nothing anywhere waits for a client: every queue on
/// the way is bounded and drops its oldest entry, counted, when full. The page shows only what the connector publishes;
/// nothing is read from MongoDB for it.
/// </summary>
internal sealed class LiveChangeFeed : IRecordPlacementListener, IDisposable
{
    /// <summary>Events captured and not yet fully acknowledged that the feed keeps; older ones are given up (and counted as skipped).</summary>
    public const int MaxPending = 4096;

    /// <summary>Larger events are shown by their header fields only (operation, namespace, key, time), with their size.</summary>
    public const int MaxShownEventBytes = 1024 * 1024;

    /// <summary>Messages a client may fall behind by before its oldest are dropped.</summary>
    public const int ClientQueueCapacity = 1000;

    private readonly Lock _lock = new();
    private readonly Dictionary<long, PendingLiveChange> _pending = [];
    private readonly Queue<long> _order = new();
    private readonly Channel<PendingLiveChange> _acknowledged;
    private readonly ConnectorStatus _status;
    private readonly PipelineCounters _counters;
    private readonly TimeSpan _statusInterval;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _broadcasting;
    private readonly Task _reporting;
    private volatile LiveSubscription[] _clients = [];

    public LiveChangeFeed(ConnectorStatus status, PipelineCounters counters, TimeSpan? statusInterval = null)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(counters);
        _status = status;
        _counters = counters;
        _statusInterval = statusInterval ?? TimeSpan.FromSeconds(1);
        _acknowledged = Channel.CreateBounded<PendingLiveChange>(
            new BoundedChannelOptions(MaxPending) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => SkippedForAll(1));
        _broadcasting = Task.Run(BroadcastAsync);
        _reporting = Task.Run(ReportStatusAsync);
    }

    /// <summary>At least one client watches.</summary>
    public bool IsActive => _clients.Length > 0;

    public bool WantsPlacements => IsActive;

    public int ClientCount => _clients.Length;

    /// <summary>Acknowledged changes not yet handed to the clients' queues.</summary>
    public int Backlog => _acknowledged.Reader.Count;

    /// <summary>A new client's queue; dispose it when the client leaves. The latest status is queued first.</summary>
    public LiveSubscription Subscribe()
    {
        var client = new LiveSubscription(ClientQueueCapacity, Unsubscribe);
        client.Offer(LiveMessage.ForStatus(StatusMessage(0)));
        lock (_lock)
        {
            _clients = [.. _clients, client];
        }

        return client;
    }

    /// <summary>A new pipeline cycle numbers its events from the start again: what the last one left pending is dropped.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _pending.Clear();
            _order.Clear();
        }
    }

    /// <summary>
    /// The reading thread published event <paramref name="sequence"/> as <paramref name="records"/> records: keep a copy
    /// until they are acknowledged. Call before producing them, so no acknowledgement can come first.
    /// </summary>
    public void Captured(long sequence, ReadOnlySpan<byte> changeEvent, int records)
    {
        if (!IsActive || records <= 0)
        {
            return;
        }

        var pending = changeEvent.Length <= MaxShownEventBytes
            ? new PendingLiveChange(sequence, changeEvent.ToArray(), records)
            : new PendingLiveChange(sequence, HeaderOnly(changeEvent), records) { OmittedBytes = changeEvent.Length };
        long givenUp = 0;
        lock (_lock)
        {
            _pending[sequence] = pending;
            _order.Enqueue(sequence);

            // Acknowledged events leave _pending but stay in _order until they reach its front; one never acknowledged
            // (its delivery failed) is given up once the order holds twice the bound, so neither grows without limit.
            while (_order.Count > 0 && !_pending.ContainsKey(_order.Peek()))
            {
                _order.Dequeue();
            }

            while (_pending.Count > MaxPending || _order.Count > 2 * MaxPending)
            {
                if (_pending.Remove(_order.Dequeue()))
                {
                    givenUp++;
                }
            }
        }

        if (givenUp > 0)
        {
            SkippedForAll(givenUp);
        }
    }

    public void Placed(long sequence, string topic, int partition, long offset)
    {
        PendingLiveChange? complete = null;
        lock (_lock)
        {
            if (_pending.TryGetValue(sequence, out var pending))
            {
                pending.Placements.Add(new LiveRecordPlacement(topic, partition, offset));
                if (pending.IsComplete)
                {
                    _pending.Remove(sequence);
                    complete = pending;
                }
            }
        }

        if (complete is not null)
        {
            _acknowledged.Writer.TryWrite(complete);
        }
    }

    public void Dispose()
    {
        _acknowledged.Writer.TryComplete();
        _stop.Cancel();
        try
        {
            Task.WaitAll([_broadcasting, _reporting], TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Both loops end by cancellation; nothing else is thrown there.
        }

        foreach (var client in _clients)
        {
            client.Dispose();
        }

        _stop.Dispose();
    }

    /// <summary>An event over the size shown: its header fields only, so the row still says what and where.</summary>
    private static byte[] HeaderOnly(ReadOnlySpan<byte> changeEvent)
    {
        var writer = new BsonWriter();
        writer.WriteStartDocument();
        var reader = new BsonReader(changeEvent);
        while (reader.MoveNext())
        {
            var element = reader.Current;
            if (LiveChangeMessage.HeaderFieldIndex(element) is var field and >= 0)
            {
                writer.WriteRawValue(LiveChangeMessage.HeaderFields[field], element.Type, element.Value);
            }
        }

        writer.WriteEndDocument();
        return writer.ToArray();
    }

    private void Unsubscribe(LiveSubscription client)
    {
        lock (_lock)
        {
            _clients = [.. _clients.Where(other => !ReferenceEquals(other, client))];
        }
    }

    private void SkippedForAll(long count)
    {
        foreach (var client in _clients)
        {
            client.Skipped(count);
        }
    }

    private async Task BroadcastAsync()
    {
        try
        {
            await foreach (var change in _acknowledged.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                var clients = _clients;
                if (clients.Length == 0)
                {
                    continue;
                }

                // Not encoded here: a client whose queue drops it unread never pays for its JSON.
                var message = LiveMessage.ForChange(change);
                foreach (var client in clients)
                {
                    client.Offer(message);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private async Task ReportStatusAsync()
    {
        using var timer = new PeriodicTimer(_statusInterval);
        var lastCount = _counters.EventsPublished;
        var lastAt = Stopwatch.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                var count = _counters.EventsPublished;
                var now = Stopwatch.GetTimestamp();
                var seconds = Stopwatch.GetElapsedTime(lastAt, now).TotalSeconds;
                var rate = seconds > 0 ? (count - lastCount) / seconds : 0;
                (lastCount, lastAt) = (count, now);
                var clients = _clients;
                if (clients.Length == 0)
                {
                    continue;
                }

                var message = LiveMessage.ForStatus(StatusMessage(rate));
                foreach (var client in clients)
                {
                    client.Offer(message);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private byte[] StatusMessage(double eventsPerSecond) => LiveStatusMessage.Encode(_status, _counters.EventsPublished, eventsPerSecond);
}
