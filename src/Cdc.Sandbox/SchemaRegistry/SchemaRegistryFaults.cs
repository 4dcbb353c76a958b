namespace Cdc.Sandbox.SchemaRegistry;

/// <summary>
/// Fault controls of the sandbox registry, for tests in-process and for the sandbox's control API: fail the next N
/// requests (or every request until <see cref="Clear"/>) with a 5xx and Confluent's error body, delay every answer,
/// and count requests. Thread-safe; a change applies to requests that arrive after it.
/// </summary>
internal sealed class SchemaRegistryFaults
{
    private readonly Lock _lock = new();
    private InjectedFailure? _failure;
    private int _remaining;
    private TimeSpan _delay;
    private long _requests;
    private long _failed;

    /// <summary>Requests received, faulted or not (unauthenticated ones included).</summary>
    public long RequestCount => Interlocked.Read(ref _requests);

    /// <summary>Requests answered with an injected failure.</summary>
    public long FailedRequestCount => Interlocked.Read(ref _failed);

    /// <summary>How long each request waits before it is handled (zero: none).</summary>
    public TimeSpan Delay
    {
        get { lock (_lock) { return _delay; } }
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            lock (_lock)
            {
                _delay = value;
            }
        }
    }

    /// <summary>The next <paramref name="count"/> requests fail with <paramref name="failure"/>; replaces any earlier injection.</summary>
    public void FailNext(int count, InjectedFailure failure)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        Validate(failure);
        lock (_lock)
        {
            _failure = failure;
            _remaining = count;
        }
    }

    /// <summary>Every request fails with <paramref name="failure"/> until <see cref="Clear"/>.</summary>
    public void FailUntilCleared(InjectedFailure failure)
    {
        Validate(failure);
        lock (_lock)
        {
            _failure = failure;
            _remaining = -1;
        }
    }

    /// <summary>Stops injecting failures and delays; the counters keep counting.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _failure = null;
            _remaining = 0;
            _delay = TimeSpan.Zero;
        }
    }

    /// <summary>Counts a request and says how to answer it: the delay to wait and the failure to give, if any.</summary>
    internal (TimeSpan Delay, InjectedFailure? Failure) OnRequest()
    {
        Interlocked.Increment(ref _requests);
        lock (_lock)
        {
            var failure = _failure;
            if (failure is not null)
            {
                if (_remaining > 0 && --_remaining == 0)
                {
                    _failure = null;
                }

                Interlocked.Increment(ref _failed);
            }

            return (_delay, failure);
        }
    }

    private static void Validate(InjectedFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (failure.HttpStatus is < 500 or > 599)
        {
            throw new ArgumentException($"An injected failure must be a 5xx status, not {failure.HttpStatus}.", nameof(failure));
        }
    }
}
