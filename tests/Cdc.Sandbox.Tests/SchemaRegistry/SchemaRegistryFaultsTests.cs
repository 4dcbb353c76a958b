using Cdc.Sandbox.SchemaRegistry;

namespace Cdc.Sandbox.Tests.SchemaRegistry;

public sealed class SchemaRegistryFaultsTests
{
    [Fact]
    public void Fail_next_fails_exactly_that_many_requests_then_stops()
    {
        var faults = new SchemaRegistryFaults();
        faults.FailNext(2, InjectedFailure.OperationTimeout);

        Assert.Same(InjectedFailure.OperationTimeout, faults.OnRequest().Failure);
        Assert.Same(InjectedFailure.OperationTimeout, faults.OnRequest().Failure);
        Assert.Null(faults.OnRequest().Failure);
        Assert.Equal(3, faults.RequestCount);
        Assert.Equal(2, faults.FailedRequestCount);
    }

    [Fact]
    public void Fail_until_cleared_fails_every_request_until_clear()
    {
        var faults = new SchemaRegistryFaults();
        faults.FailUntilCleared(InjectedFailure.StoreError);
        for (var i = 0; i < 5; i++)
        {
            Assert.Same(InjectedFailure.StoreError, faults.OnRequest().Failure);
        }

        faults.Clear();
        Assert.Null(faults.OnRequest().Failure);
    }

    [Fact]
    public void The_delay_applies_until_cleared()
    {
        var faults = new SchemaRegistryFaults { Delay = TimeSpan.FromMilliseconds(30) };
        Assert.Equal(TimeSpan.FromMilliseconds(30), faults.OnRequest().Delay);
        faults.Clear();
        Assert.Equal(TimeSpan.Zero, faults.OnRequest().Delay);
    }

    [Fact]
    public void Non_5xx_failures_counts_and_negative_delays_are_refused()
    {
        var faults = new SchemaRegistryFaults();
        Assert.Contains("5xx", Assert.Throws<ArgumentException>(() => faults.FailNext(1, new InjectedFailure(404, 40401, "x"))).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => faults.FailNext(0, InjectedFailure.StoreError));
        Assert.Throws<ArgumentOutOfRangeException>(() => faults.Delay = TimeSpan.FromMilliseconds(-1));
    }
}
