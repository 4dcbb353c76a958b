using Cdc.Schemas.Mapping;

namespace Cdc.Schemas.Tests.Mapping;

public sealed class TopicNamesTests
{
    [Fact]
    public void Collection_events_go_to_prefix_db_coll() =>
        Assert.Equal("cdc.shop.orders", TopicNames.Compose("cdc", "shop", "orders"));

    [Fact]
    public void Database_events_go_to_prefix_db_and_namespace_less_events_to_the_prefix()
    {
        Assert.Equal("cdc.shop", TopicNames.Compose("cdc", "shop", null));
        Assert.Equal("cdc", TopicNames.Compose("cdc", null, null));
    }

    [Fact]
    public void Characters_kafka_rejects_become_underscores_one_per_character()
    {
        Assert.Equal("cdc.my_db.a_b_c._x", TopicNames.Compose("cdc", "my db", "a$b c.$x"));
        Assert.Equal("cdc.caf_.__", TopicNames.Compose("cdc", "café", "日本"));
        Assert.Equal("cdc.db._", TopicNames.Compose("cdc", "db", "🙂"));
        Assert.Equal("cdc.a-b.c_d", TopicNames.Compose("cdc", "a-b", "c_d"));
    }

    [Fact]
    public void Over_long_names_are_truncated_to_249_with_a_stable_hash_that_keeps_them_distinct()
    {
        var common = new string('x', 300);
        var first = TopicNames.Compose("cdc", "db", common + "1");
        var second = TopicNames.Compose("cdc", "db", common + "2");

        Assert.Equal(TopicNames.MaxLength, first.Length);
        Assert.Equal(TopicNames.MaxLength, second.Length);
        Assert.NotEqual(first, second);
        Assert.StartsWith("cdc.db.xxx", first, StringComparison.Ordinal);
        Assert.Matches("-[0-9a-f]{16}$", first);
        Assert.Equal(first, TopicNames.Compose("cdc", "db", common + "1"));
        Assert.True(TopicNames.IsLegal(first));
    }

    [Fact]
    public void A_name_of_exactly_249_characters_is_kept_whole()
    {
        var coll = new string('y', TopicNames.MaxLength - "cdc.db.".Length);
        Assert.Equal("cdc.db." + coll, TopicNames.Compose("cdc", "db", coll));
    }

    [Theory]
    [InlineData("orders", true)]
    [InlineData("a.b-c_D9", true)]
    [InlineData("", false)]
    [InlineData(".", false)]
    [InlineData("..", false)]
    [InlineData("has space", false)]
    [InlineData("ünï", false)]
    public void Legal_topic_names_follow_kafka_rules(string name, bool legal) => Assert.Equal(legal, TopicNames.IsLegal(name));

    [Fact]
    public void Names_longer_than_249_are_illegal() => Assert.False(TopicNames.IsLegal(new string('a', 250)));
}
