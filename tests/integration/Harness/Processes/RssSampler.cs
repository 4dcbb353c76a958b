namespace Cdc.Integration.Tests;

/// <summary>Samples a process's RSS every <c>interval</c> in the background, keeping the peak, until disposed.</summary>
internal sealed class RssSampler : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peak;
    private long _samples;

    public RssSampler(int processId, TimeSpan interval) => _loop = Sample(processId, interval);

    public long PeakBytes => Interlocked.Read(ref _peak);

    public long Samples => Interlocked.Read(ref _samples);

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Cancelled while waiting: the peak so far is the answer.
        }

        _stop.Dispose();
    }

    private async Task Sample(int processId, TimeSpan interval)
    {
        while (!_stop.IsCancellationRequested)
        {
            if (ProcessMemory.ResidentBytes(processId) is { } rss)
            {
                Interlocked.Increment(ref _samples);
                if (rss > Interlocked.Read(ref _peak))
                {
                    Interlocked.Exchange(ref _peak, rss);
                }
            }

            await Task.Delay(interval, _stop.Token).ConfigureAwait(false);
        }
    }
}
