using Cdc.Cli.Tail;
using Cdc.Connector.Configuration;
using Cdc.Connector.Mapping;
using Confluent.Kafka;

namespace Cdc.Connector.Tests.Tail;

/// <summary>Which partitions `cdc tail` reads, from the metadata of every topic, and what it says when it has none to read.</summary>
public sealed class TailTopicsTests
{
    private const string Bootstrap = "kafka1:9092";

    private static readonly PipelineTopics ShopDatabase = PipelineTopics.Of(new CdcOptions { MongoDb = { Scope = WatchScope.Database, Database = "shop" } });

    [Fact]
    public void Without_named_topics_every_partition_of_the_pipelines_existing_topics_is_read_in_name_then_partition_order()
    {
        var cluster = Cluster(("cdc.shop.orders", 3), ("cdc.billing.invoices", 2), ("cdc.shop.customers", 2), ("__consumer_offsets", 50));

        var partitions = TailTopics.Select(cluster, [], ShopDatabase, "shop", Bootstrap);

        Assert.Equal(
            ["cdc.shop.customers[0]", "cdc.shop.customers[1]", "cdc.shop.orders[0]", "cdc.shop.orders[1]", "cdc.shop.orders[2]"],
            partitions.Select(p => $"{p.Topic}[{p.Partition.Value}]"));
    }

    [Fact]
    public void Named_topics_are_read_whatever_the_pipeline_publishes_to()
    {
        var cluster = Cluster(("cdc.shop.orders", 2), ("audit", 1));

        var partitions = TailTopics.Select(cluster, ["audit"], ShopDatabase, "shop", Bootstrap);

        Assert.Equal(["audit[0]"], partitions.Select(p => $"{p.Topic}[{p.Partition.Value}]"));
    }

    [Fact]
    public void An_unknown_named_topic_is_refused_by_name_with_the_cluster_and_the_fix()
    {
        var cluster = Cluster(("cdc.shop.orders", 2));

        var error = Assert.Throws<TailException>(() => TailTopics.Select(cluster, ["cdc.shop.orders", "cdc.shop.order"], ShopDatabase, "shop", Bootstrap));

        Assert.Equal(
            "topic 'cdc.shop.order' does not exist on the Kafka cluster at kafka1:9092 (kafka.bootstrapServers); nothing was read. "
            + "Fix: name existing topics (pipeline 'shop' publishes to \"cdc.shop.<collection>\"), or name none to read all of the pipeline's",
            error.Message);
    }

    [Fact]
    public void Several_unknown_topics_are_named_together_with_the_reason_the_cluster_gave()
    {
        var cluster = new List<TopicMetadata> { new("secret", [], new Error(ErrorCode.TopicAuthorizationFailed)) };

        var error = Assert.Throws<TailException>(() => TailTopics.Select(cluster, ["a", "secret"], ShopDatabase, "shop", Bootstrap));

        Assert.StartsWith($"topics 'a', 'secret' ({new Error(ErrorCode.TopicAuthorizationFailed).Reason}) do not exist on the Kafka cluster at kafka1:9092", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pipeline_without_any_topic_yet_is_an_error_naming_its_topic_names_and_the_fix()
    {
        var cluster = Cluster(("cdc.billing.invoices", 1));

        var error = Assert.Throws<TailException>(() => TailTopics.Select(cluster, [], ShopDatabase, "shop", Bootstrap));

        Assert.Equal(
            "no topic of pipeline 'shop' exists on the Kafka cluster at kafka1:9092 (kafka.bootstrapServers): it publishes to \"cdc.shop.<collection>\", "
            + "each created at its first record. Fix: run the connector (`cdc run`) until it has published a change, check kafka.topicPrefix, or name the topics to read",
            error.Message);
    }

    private static List<TopicMetadata> Cluster(params (string Topic, int Partitions)[] topics) =>
        topics.Select(t => new TopicMetadata(
            t.Topic,
            Enumerable.Range(0, t.Partitions).Reverse().Select(p => new PartitionMetadata(p, 1, [1], [1], new Error(ErrorCode.NoError))).ToList(),
            new Error(ErrorCode.NoError))).ToList();
}
