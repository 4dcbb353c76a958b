using Cdc.Connector.Configuration;

namespace Cdc.Connector.Tests.Configuration;

public sealed class SpellingSuggestionTests
{
    [Theory]
    [InlineData("kafka.topicPrefx", "kafka.topicPrefix")]
    [InlineData("kafka.topcPrefix", "kafka.topicPrefix")]
    [InlineData("mongodb.batchSzie", "mongodb.batchSize")]
    [InlineData("mongdb.uri", "mongodb.uri")]
    [InlineData("schemaRegistery.url", "schemaRegistry.url")]
    [InlineData("logging.levle", "logging.level")]
    [InlineData("mapping.jsn", "mapping.json")]
    [InlineData("mapping.JSON", "mapping.json")]
    [InlineData("kafka.topic.shop.orders", "kafka.topics.shop.orders")]
    [InlineData("mongodb.scoop", "mongodb.scope")]
    [InlineData("mongo.uri", "mongodb.uri")]
    public void A_mistyped_key_gets_the_closest_known_key_as_a_suggestion(string typed, string meant)
    {
        var problem = Assert.Single(Load.ProblemsFromSets($"{typed}=1"));

        Assert.EndsWith($" Did you mean '{meant}'?", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mongodb.frobnicate")]
    [InlineData("log.level")]
    [InlineData("http.address")]
    public void A_name_far_from_every_known_one_gets_no_guess(string typed)
    {
        var problem = Assert.Single(Load.ProblemsFromSets($"{typed}=1"));

        Assert.DoesNotContain("Did you mean", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("topicPrefix", "topicPrefix", 0)]
    [InlineData("topicPrefx", "topicPrefix", 1)]
    [InlineData("TOPICPREFIX", "topicPrefix", 0)]
    [InlineData("levle", "level", 1)]
    [InlineData("", "uri", 3)]
    [InlineData("scope", "", 5)]
    public void Distance_counts_edits_ignoring_case_with_a_swap_as_one(string a, string b, int expected)
    {
        Assert.Equal(expected, SpellingSuggestion.Distance(a, b));
    }
}
