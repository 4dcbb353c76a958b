using Cdc.Demo;

namespace Cdc.Connector.Tests.Demo;

public sealed class RateMeterTests
{
    [Fact]
    public void The_rate_is_the_growth_per_second_since_the_oldest_sample_in_the_span()
    {
        var meter = new RateMeter(TimeSpan.FromSeconds(2));

        Assert.Equal(0, meter.Sample(0, 100));
        Assert.Equal(200, meter.Sample(500, 200));
        Assert.Equal(200, meter.Sample(1_000, 300));
        Assert.Equal(200, meter.Sample(2_000, 500));

        // The samples at 0 and 500 are now older than the span: the rate is (600 - 300) over the 2 s since 1,000.
        Assert.Equal(150, meter.Sample(3_000, 600), 1);
    }

    [Fact]
    public void Two_samples_at_the_same_moment_give_no_rate_rather_than_infinity()
    {
        var meter = new RateMeter(TimeSpan.FromSeconds(1));
        meter.Sample(10, 5);

        Assert.Equal(0, meter.Sample(10, 9));
    }
}
