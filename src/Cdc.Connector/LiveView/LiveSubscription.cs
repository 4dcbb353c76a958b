using System.Threading.Channels;

namespace Cdc.Connector.LiveView;

/// <summary>
/// One client of the live view: a bounded queue of encoded messages. The feed never waits for it: when the queue is
/// full the oldest message is dropped and counted, and the client is told the count before its next message
/// (<see cref="TakeSkipped"/>), so a browser that stops reading costs the pipeline nothing and learns what it missed.
/// </summary>
internal sealed class LiveSubscription : IDisposable
{
    private readonly Channel<LiveMessage> _queue;
    private readonly Action<LiveSubscription> _unsubscribe;
    private long _skipped;
    private int _disposed;

    public LiveSubscription(int capacity, Action<LiveSubscription> unsubscribe)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _unsubscribe = unsubscribe;
        _queue = Channel.CreateBounded<LiveMessage>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = false },
            dropped =>
            {
                // A status dropped is replaced by the next one within a second; only changes are counted as skipped.
                if (dropped.IsChange)
                {
                    Interlocked.Increment(ref _skipped);
                }
            });
    }

    /// <summary>Queues <paramref name="message"/>; never waits (a full queue drops its oldest message).</summary>
    public void Offer(LiveMessage message) => _queue.Writer.TryWrite(message);

    /// <summary>Counts changes this client will not get (lost before they reached any client's queue).</summary>
    public void Skipped(long count) => Interlocked.Add(ref _skipped, count);

    /// <summary>Messages queued and not yet taken.</summary>
    public int Queued => _queue.Reader.Count;

    /// <summary>The changes skipped since the last call, and resets the count.</summary>
    public long TakeSkipped() => Interlocked.Exchange(ref _skipped, 0);

    /// <summary>The next message; throws <see cref="OperationCanceledException"/> when cancelled, <see cref="ChannelClosedException"/> after <see cref="Dispose"/>.</summary>
    public ValueTask<LiveMessage> NextAsync(CancellationToken cancellationToken) => _queue.Reader.ReadAsync(cancellationToken);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _queue.Writer.TryComplete();
            _unsubscribe(this);
        }
    }
}
