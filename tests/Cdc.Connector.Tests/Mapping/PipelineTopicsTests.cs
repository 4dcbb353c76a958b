using Cdc.Connector.Configuration;
using Cdc.Connector.Mapping;
using Cdc.Schemas.Mapping;

namespace Cdc.Connector.Tests.Mapping;

/// <summary>Which topics `cdc tail` reads when none is named: those the mapper would name for the stream's scope.</summary>
public sealed class PipelineTopicsTests
{
    [Fact]
    public void A_database_stream_has_its_collections_topics_its_own_and_the_prefix_and_nothing_of_other_databases()
    {
        var topics = PipelineTopics.Of(Options(WatchScope.Database, "shop"));

        Assert.True(topics.Includes("cdc.shop.orders"));
        Assert.True(topics.Includes("cdc.shop.line.items"));
        Assert.True(topics.Includes("cdc.shop"));
        Assert.True(topics.Includes("cdc"));
        Assert.False(topics.Includes("cdc.shopping.orders"));
        Assert.False(topics.Includes("cdc.billing.invoices"));
        Assert.False(topics.Includes("other.shop.orders"));
        Assert.False(topics.Includes("cdcx.shop.orders"));
        Assert.Equal("\"cdc.shop.<collection>\"", topics.Description);
    }

    [Fact]
    public void A_collection_stream_has_its_one_topic_and_the_prefix()
    {
        var topics = PipelineTopics.Of(Options(WatchScope.Collection, "shop", "orders"));

        Assert.True(topics.Includes("cdc.shop.orders"));
        Assert.True(topics.Includes("cdc"));
        Assert.False(topics.Includes("cdc.shop.customers"));
        Assert.False(topics.Includes("cdc.shop"));
        Assert.Equal("\"cdc.shop.orders\"", topics.Description);
    }

    [Fact]
    public void A_cluster_stream_has_every_topic_under_the_prefix_within_its_include_and_exclude_lists()
    {
        var options = Options(WatchScope.Cluster);
        options.MongoDb.IncludeNamespaces = ["shop", "billing.invoices"];
        options.MongoDb.ExcludeNamespaces = ["shop.audit"];

        var topics = PipelineTopics.Of(options);

        Assert.True(topics.Includes("cdc.shop.orders"));
        Assert.True(topics.Includes("cdc.billing.invoices"));
        Assert.False(topics.Includes("cdc.billing.payments"));
        Assert.False(topics.Includes("cdc.shop.audit"));
        Assert.False(topics.Includes("cdc.crm.leads"));
        Assert.Equal("\"cdc.<database>.<collection>\"", topics.Description);
    }

    [Fact]
    public void Kafka_topics_entries_in_scope_count_and_the_generated_names_they_replace_do_not()
    {
        var options = Options(WatchScope.Database, "shop");
        options.Kafka.Topics["shop.orders"] = "orders-v2";
        options.Kafka.Topics["billing.invoices"] = "invoices";

        var topics = PipelineTopics.Of(options);

        Assert.True(topics.Includes("orders-v2"));
        Assert.False(topics.Includes("cdc.shop.orders"));
        Assert.False(topics.Includes("invoices"));
        Assert.Equal("\"cdc.shop.<collection>\" and the kafka.topics entries of its namespaces (\"orders-v2\")", topics.Description);
    }

    [Fact]
    public void The_checkpoint_and_dead_letter_topics_never_count_even_under_the_prefix()
    {
        var options = Options(WatchScope.Cluster);
        options.Checkpoint.Store = CheckpointStoreKind.Kafka;
        options.Checkpoint.Topic = "cdc.checkpoints";
        options.Kafka.DeadLetterTopic = "cdc.dead.letters";

        var topics = PipelineTopics.Of(options);

        Assert.False(topics.Includes("cdc.checkpoints"));
        Assert.False(topics.Includes("cdc.dead.letters"));
        Assert.True(topics.Includes("cdc.dead.other"));
    }

    [Fact]
    public void Sanitised_names_of_the_database_count_although_they_cannot_be_read_back()
    {
        // Characters Kafka refuses become '_' with a hash suffix: the database's part is still the same.
        var topics = PipelineTopics.Of(Options(WatchScope.Database, "shöp"));
        var orders = TopicNames.Compose("cdc", "shöp", "orders");
        var database = TopicNames.Compose("cdc", "shöp", null);

        Assert.StartsWith("cdc.sh_p.orders-", orders, StringComparison.Ordinal);
        Assert.True(topics.Includes(orders));
        Assert.True(topics.Includes(database));
        Assert.True(topics.Includes(TopicNames.Compose("cdc", "shöp", "客户")));
        Assert.False(topics.Includes("cdc.shop.orders"));
    }

    [Fact]
    public void The_collection_topic_is_named_as_the_mapper_names_it()
    {
        var options = Options(WatchScope.Collection, "shop", "orders");
        Assert.Equal("cdc.shop.orders", PipelineTopics.CollectionTopic(options));

        options.Kafka.Topics["shop.orders"] = "orders";
        Assert.Equal("orders", PipelineTopics.CollectionTopic(options));
        Assert.True(PipelineTopics.Of(options).Includes("orders"));
        Assert.False(PipelineTopics.Of(options).Includes("cdc.shop.orders"));
    }

    private static CdcOptions Options(WatchScope scope, string? database = null, string? collection = null)
    {
        var options = new CdcOptions();
        options.MongoDb.Scope = scope;
        options.MongoDb.Database = database;
        options.MongoDb.Collection = collection;
        return options;
    }
}
