using System.Text.Json;
using Cdc.Sandbox.SchemaRegistry;

namespace Cdc.Sandbox.Host;

/// <summary>
/// The registry's fault controls as the control API drives them, remembering what was injected so <c>/status</c> can
/// show it: the registry's own <see cref="SchemaRegistryFaults"/> counts failures but does not expose what is pending.
/// The remaining count is derived from the failures answered since the injection, which is exact as long as only this
/// object injects faults (true in `cdc sandbox`, whose registry is reachable for faults only through the control API).
/// </summary>
internal sealed class RegistryFaultControl(SchemaRegistryFaults faults)
{
    private readonly Lock _lock = new();
    private InjectedFailure? _failure;
    private int _count;
    private long _failedAtInjection;

    public SchemaRegistryFaults Faults => faults;

    /// <summary>Fails the next <paramref name="count"/> requests, or every one when <paramref name="count"/> is null.</summary>
    public void Inject(InjectedFailure failure, int? count)
    {
        lock (_lock)
        {
            if (count is { } n)
            {
                faults.FailNext(n, failure);
            }
            else
            {
                faults.FailUntilCleared(failure);
            }

            _failure = failure;
            _count = count ?? -1;
            _failedAtInjection = faults.FailedRequestCount;
        }
    }

    public void SetDelay(TimeSpan delay) => faults.Delay = delay;

    public void Clear()
    {
        lock (_lock)
        {
            faults.Clear();
            _failure = null;
        }
    }

    public void WriteState(Utf8JsonWriter json)
    {
        lock (_lock)
        {
            json.WriteStartObject();
            json.WriteNumber("requests", faults.RequestCount);
            json.WriteNumber("failedRequests", faults.FailedRequestCount);
            json.WriteNumber("delayMs", (long)faults.Delay.TotalMilliseconds);
            var remaining = _count < 0 ? -1 : Math.Max(0, _count - (faults.FailedRequestCount - _failedAtInjection));
            if (_failure is { } failure && remaining != 0)
            {
                json.WriteStartObject("failure");
                json.WriteNumber("status", failure.HttpStatus);
                json.WriteNumber("errorCode", failure.ErrorCode);
                json.WriteString("message", failure.Message);
                if (remaining < 0)
                {
                    json.WriteBoolean("untilCleared", true);
                }
                else
                {
                    json.WriteNumber("remaining", remaining);
                }

                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("failure");
            }

            json.WriteEndObject();
        }
    }
}
