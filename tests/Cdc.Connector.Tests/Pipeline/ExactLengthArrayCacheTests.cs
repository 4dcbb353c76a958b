using Cdc.Connector.Pipeline;

namespace Cdc.Connector.Tests.Pipeline;

public sealed class ExactLengthArrayCacheTests
{
    [Fact]
    public void A_length_seen_before_gets_the_same_array_back()
    {
        var cache = new ExactLengthArrayCache();

        var first = cache.Lend(1_000);
        var other = cache.Lend(1_001);

        Assert.Equal(1_000, first.Length);
        Assert.Equal(1_001, other.Length);
        Assert.Same(first, cache.Lend(1_000));
        Assert.Same(other, cache.Lend(1_001));
        Assert.Equal(2_001, cache.CachedBytes);
    }

    [Fact]
    public void Records_longer_than_the_cached_limit_get_a_new_array_each_time()
    {
        var cache = new ExactLengthArrayCache();
        const int Long = ExactLengthArrayCache.MaxCachedLength + 1;

        var first = cache.Lend(Long);

        Assert.Equal(Long, first.Length);
        Assert.NotSame(first, cache.Lend(Long));
        Assert.Equal(0, cache.CachedBytes);
    }

    [Fact]
    public void The_cache_starts_again_rather_than_grow_past_its_bound()
    {
        var cache = new ExactLengthArrayCache();
        const int Length = 100_000;
        var lengths = (int)(ExactLengthArrayCache.MaxCachedBytes / Length) + 5;

        for (var i = 0; i < lengths; i++)
        {
            cache.Lend(Length + i);
            Assert.InRange(cache.CachedBytes, Length, ExactLengthArrayCache.MaxCachedBytes);
        }
    }
}
