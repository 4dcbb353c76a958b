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

    [Theory]
    [InlineData("shop", "orders", "cdc.shop.orders")]
    [InlineData("my-db", "a.b", "cdc.my-db.a.b")]
    [InlineData("a-b", "c_d", "cdc.a-b.c_d")]
    [InlineData("shop", "line_items", "cdc.shop.line_items")]
    [InlineData("Shop2", "Orders-V2", "cdc.Shop2.Orders-V2")]
    public void Legal_names_are_kept_unchanged_without_a_suffix(string db, string coll, string topic) =>
        Assert.Equal(topic, TopicNames.Compose("cdc", db, coll));

    [Fact]
    public void Replaced_characters_become_underscores_one_per_character_plus_an_8_hex_hash_of_the_namespace()
    {
        // Expected hashes: printf '%s' '<db>.<coll>' | sha256sum, first 8 hex digits.
        Assert.Equal("cdc.shop.__-ee345017", TopicNames.Compose("cdc", "shop", "订单"));
        Assert.Equal("cdc.shop.__-a2661214", TopicNames.Compose("cdc", "shop", "客户"));
        Assert.Equal("cdc.caf_.__-5235108b", TopicNames.Compose("cdc", "café", "日本"));
        Assert.Equal("cdc.db.a_b-cdf3fe20", TopicNames.Compose("cdc", "db", "a b"));
        Assert.Equal("cdc.db.a_b-da232b2c", TopicNames.Compose("cdc", "db", "a$b"));
    }

    [Fact]
    public void Database_level_names_hash_the_database_name_alone()
    {
        Assert.Equal("cdc.a_b-c8687a08", TopicNames.Compose("cdc", "a b", null));
        Assert.Equal("cdc.a_b-c7979da2", TopicNames.Compose("cdc", "a$b", null));
    }

    [Fact]
    public void The_suffix_depends_on_the_namespace_only_not_on_the_prefix()
    {
        Assert.Equal("prod.shop.__-ee345017", TopicNames.Compose("prod", "shop", "订单"));
        Assert.Equal("staging-eu.shop.__-ee345017", TopicNames.Compose("staging-eu", "shop", "订单"));
    }

    [Fact]
    public void A_character_outside_the_bmp_becomes_one_underscore()
    {
        var topic = TopicNames.Compose("cdc", "db", "🙂");
        Assert.Matches("^cdc\\.db\\._-[0-9a-f]{8}$", topic);
    }

    [Fact]
    public void Names_differing_only_in_dot_versus_underscore_stay_distinct_and_readable()
    {
        // Kafka's metric-name clash between '.' and '_' is left to the broker, which refuses the second topic.
        Assert.Equal("cdc.db.a.b", TopicNames.Compose("cdc", "db", "a.b"));
        Assert.Equal("cdc.db.a_b", TopicNames.Compose("cdc", "db", "a_b"));
    }

    [Fact]
    public void A_namespace_with_a_lone_surrogate_is_rejected_with_its_reason()
    {
        var error = Assert.Throws<ArgumentException>(() => TopicNames.Compose("cdc", "db", "x\uD800y"));
        Assert.Contains("lone surrogate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_illegal_prefix_is_rejected_because_it_is_not_covered_by_the_hash()
    {
        var error = Assert.Throws<ArgumentException>(() => TopicNames.Compose("c d", "db", "x"));
        Assert.Contains("\"c d\"", error.Message, StringComparison.Ordinal);
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
    public void Over_long_names_with_replaced_characters_get_one_16_hex_suffix()
    {
        var first = TopicNames.Compose("cdc", "db", new string('日', 300));
        var second = TopicNames.Compose("cdc", "db", new string('本', 300));

        // printf 'db.%s' "$(printf '日%.0s' $(seq 300))" | sha256sum, first 16 hex digits.
        Assert.Equal("cdc.db." + new string('_', 225) + "-1f2128e562a6e91e", first);
        Assert.Matches("^cdc\\.db\\._{225}-[0-9a-f]{16}$", second);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void A_replaced_name_keeps_the_short_suffix_exactly_while_it_fits_in_249()
    {
        // "cdc.db." + coll + "-" + 8 hex = 249 characters.
        var fits = "$" + new string('y', TopicNames.MaxLength - "cdc.db.".Length - 9 - 1);
        var tooLong = fits + "y";

        var kept = TopicNames.Compose("cdc", "db", fits);
        var cut = TopicNames.Compose("cdc", "db", tooLong);

        Assert.Equal(TopicNames.MaxLength, kept.Length);
        Assert.StartsWith("cdc.db._yyy", kept, StringComparison.Ordinal);
        Assert.Matches("y-[0-9a-f]{8}$", kept);
        Assert.Equal(TopicNames.MaxLength, cut.Length);
        Assert.Matches("y-[0-9a-f]{16}$", cut);
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

    [Theory]
    [InlineData("shop", "orders")]
    [InlineData("my shop", "orders")]
    [InlineData("boutique-été", "commandes à livrer")]
    [InlineData("商店", "订单")]
    public void Every_collection_topic_of_a_database_starts_with_its_collection_topics_prefix(string db, string coll)
    {
        var prefix = TopicNames.CollectionTopicsPrefix("cdc", db);

        Assert.NotNull(prefix);
        Assert.StartsWith(prefix, TopicNames.Compose("cdc", db, coll), StringComparison.Ordinal);
        Assert.False(TopicNames.Compose("cdc", db, null).StartsWith(prefix, StringComparison.Ordinal), "the database's own topic is not one of its collections'");
    }

    [Fact]
    public void A_database_whose_collection_topics_are_cut_short_has_no_collection_topics_prefix() =>
        Assert.Null(TopicNames.CollectionTopicsPrefix("cdc", new string('d', 240)));
}
