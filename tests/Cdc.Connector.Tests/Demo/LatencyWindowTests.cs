using Cdc.Demo;

namespace Cdc.Connector.Tests.Demo;

public sealed class LatencyWindowTests
{
    [Fact]
    public void Percentiles_are_nearest_rank_over_the_samples_inside_the_window()
    {
        var window = new LatencyWindow(TimeSpan.FromSeconds(10));
        for (var i = 1; i <= 100; i++)
        {
            window.Add(1_000 + i, i);
        }

        var result = window.Percentiles(1_200);

        Assert.NotNull(result);
        Assert.Equal(50, result.Value.P50);
        Assert.Equal(99, result.Value.P99);
        Assert.Equal(100, result.Value.Samples);
    }

    [Fact]
    public void Samples_older_than_the_window_no_longer_count()
    {
        var window = new LatencyWindow(TimeSpan.FromSeconds(10));
        window.Add(0, 5_000);
        window.Add(1_000, 4_000);
        window.Add(20_000, 10);
        window.Add(20_500, 30);

        var result = window.Percentiles(25_000);

        Assert.NotNull(result);
        Assert.Equal(2, result.Value.Samples);
        Assert.Equal(10, result.Value.P50);
        Assert.Equal(30, result.Value.P99);
        Assert.Null(window.Percentiles(40_000));
    }

    [Fact]
    public void An_empty_window_has_no_percentiles()
    {
        Assert.Null(new LatencyWindow(TimeSpan.FromSeconds(1)).Percentiles(0));
    }

    [Fact]
    public void Past_its_capacity_the_window_keeps_the_newest_samples()
    {
        var window = new LatencyWindow(TimeSpan.FromMinutes(1), capacity: 10);
        for (var i = 0; i < 25; i++)
        {
            window.Add(i, i);
        }

        var result = window.Percentiles(30);

        Assert.NotNull(result);
        Assert.Equal(10, result.Value.Samples);
        Assert.Equal(19, result.Value.P50);
        Assert.Equal(24, result.Value.P99);
    }

    [Theory]
    [InlineData(new double[] { 7 }, 0.5, 7)]
    [InlineData(new double[] { 7 }, 0.99, 7)]
    [InlineData(new double[] { 1, 2 }, 0.5, 1)]
    [InlineData(new double[] { 1, 2 }, 0.99, 2)]
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 0.9, 9)]
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 0.91, 10)]
    public void Nearest_rank_is_the_smallest_sample_covering_the_quantile(double[] sorted, double quantile, double expected)
    {
        Assert.Equal(expected, LatencyWindow.NearestRank(sorted, quantile));
    }
}
