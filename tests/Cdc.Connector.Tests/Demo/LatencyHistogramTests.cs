using Cdc.Demo;

namespace Cdc.Connector.Tests.Demo;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Percentiles_are_within_two_percent_above_the_exact_nearest_rank()
    {
        var histogram = new LatencyHistogram();
        var random = new Random(3);
        var samples = new double[10_000];
        for (var i = 0; i < samples.Length; i++)
        {
            // Mostly tens of milliseconds with a long tail, as end-to-end latencies look.
            samples[i] = random.NextDouble() < 0.95 ? 5 + (random.NextDouble() * 40) : 100 + (random.NextDouble() * 2_000);
            histogram.Add(samples[i]);
        }

        Array.Sort(samples);
        foreach (var quantile in new[] { 0.5, 0.9, 0.99, 0.999 })
        {
            var exact = LatencyWindow.NearestRank(samples, quantile);
            var reported = histogram.Percentile(quantile)!.Value;
            Assert.InRange(reported, exact, exact * 1.02);
        }

        Assert.Equal(samples[^1], histogram.Max);
        Assert.Equal(samples.Length, histogram.Count);
    }

    [Fact]
    public void A_percentile_never_exceeds_the_largest_sample()
    {
        var histogram = new LatencyHistogram();
        histogram.Add(10.1);
        histogram.Add(10.1);

        Assert.Equal(10.1, histogram.Percentile(0.99));
        Assert.Equal(10.1, histogram.Max);
    }

    [Fact]
    public void Sub_millisecond_and_negative_latencies_land_in_the_first_bucket()
    {
        var histogram = new LatencyHistogram();
        histogram.Add(-3);
        histogram.Add(0.4);

        Assert.Equal(0.4, histogram.Percentile(0.5));
        Assert.Equal(0.4, histogram.Max);
    }

    [Fact]
    public void An_empty_histogram_has_no_percentiles()
    {
        var histogram = new LatencyHistogram();

        Assert.Null(histogram.Percentile(0.5));
        Assert.Equal(0, histogram.Count);
    }
}
