using Cdc.Demo;

namespace Cdc.Connector.Tests.Demo;

public sealed class DemoSignalsTests
{
    [Fact]
    public void The_first_signal_stops_the_run_gracefully_and_a_second_one_while_stopping_is_not_waited_for()
    {
        using var signals = new DemoSignals();

        Assert.True(signals.Receive());
        Assert.True(signals.Stopping.IsCancellationRequested);
        Assert.False(signals.Released.IsCancellationRequested);

        Assert.False(signals.Receive());
    }

    [Fact]
    public void Once_the_sandbox_is_kept_the_next_signal_releases_it_gracefully_and_one_after_that_is_not_waited_for()
    {
        using var signals = new DemoSignals();
        Assert.True(signals.Receive());

        signals.KeepingSandbox();

        Assert.True(signals.Receive());
        Assert.True(signals.Released.IsCancellationRequested);
        Assert.False(signals.Receive());
    }

    [Fact]
    public void A_run_ended_by_its_duration_keeps_the_sandbox_until_the_first_signal()
    {
        using var signals = new DemoSignals();

        signals.KeepingSandbox();

        Assert.False(signals.Released.IsCancellationRequested);
        Assert.True(signals.Receive());
        Assert.True(signals.Released.IsCancellationRequested);
    }
}
