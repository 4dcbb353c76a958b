using Cdc.Connector.Sink;

namespace Cdc.Connector.Tests.Sink;

public sealed class JitteredBackoffTests
{
    [Fact]
    public void Delays_double_with_jitter_up_to_the_cap_and_reset()
    {
        var backoff = new JitteredBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(1000));
        double[] ceilings = [100, 200, 400, 800, 1000, 1000];
        foreach (var ceiling in ceilings)
        {
            var delay = backoff.Next().TotalMilliseconds;
            Assert.InRange(delay, ceiling / 2, ceiling);
        }

        Assert.Equal(6, backoff.Attempt);
        backoff.Reset();
        Assert.InRange(backoff.Next().TotalMilliseconds, 50, 100);
    }

    [Fact]
    public void Many_attempts_never_overflow_the_cap()
    {
        var backoff = new JitteredBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        for (var i = 0; i < 100; i++)
        {
            Assert.InRange(backoff.Next().TotalSeconds, 0.5, 30);
        }
    }
}
