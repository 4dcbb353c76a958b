namespace Cdc.Connector.Tests.Configuration;

public sealed class ConsistencyRulesTests
{
    [Theory]
    [InlineData("mongodb.scope=collection", "mongodb.database=shop")]
    [InlineData("mongodb.scope=collection", "mongodb.collection=orders")]
    [InlineData("mongodb.scope=collection")]
    public void Collection_scope_needs_database_and_collection(params string[] sets)
    {
        var problem = Assert.Single(Load.ProblemsFromSets(sets));

        Assert.Equal("'mongodb.scope' is collection, so 'mongodb.database' and 'mongodb.collection' must both be set.", problem);
    }

    [Fact]
    public void Database_scope_needs_a_database()
    {
        var problem = Assert.Single(Load.ProblemsFromSets("mongodb.scope=database"));

        Assert.Equal("'mongodb.scope' is database, so 'mongodb.database' must be set.", problem);
    }

    [Fact]
    public void Database_scope_with_a_collection_is_contradictory()
    {
        var problem = Assert.Single(Load.ProblemsFromSets("mongodb.scope=database", "mongodb.database=shop", "mongodb.collection=orders"));

        Assert.Equal("'mongodb.scope' is database, but 'mongodb.collection' is set: use scope collection to watch one collection, or remove 'mongodb.collection'.", problem);
    }

    [Theory]
    [InlineData("mongodb.database=shop")]
    [InlineData("mongodb.collection=orders")]
    public void Cluster_scope_with_a_database_or_collection_is_contradictory(string set)
    {
        var problem = Assert.Single(Load.ProblemsFromSets(set));

        Assert.Equal("'mongodb.scope' is cluster, but 'mongodb.database' or 'mongodb.collection' is set: choose scope database or collection, or remove them (filter namespaces with 'mongodb.pipeline').", problem);
    }

    [Fact]
    public void Consistent_scopes_load()
    {
        Assert.Equal("shop", Load.FromSets("mongodb.scope=database", "mongodb.database=shop").MongoDb.Database);
        Assert.Equal("orders", Load.FromSets("mongodb.scope=collection", "mongodb.database=shop", "mongodb.collection=orders").MongoDb.Collection);
    }

    [Theory]
    [InlineData("kafka", "'checkpoint.path' is set, but 'checkpoint.store' is kafka: the path is only used by the file store.")]
    [InlineData("mongodb", "'checkpoint.path' is set, but 'checkpoint.store' is mongodb: the path is only used by the file store.")]
    public void A_checkpoint_path_with_a_store_other_than_file_is_contradictory(string store, string expected)
    {
        var problems = Load.ProblemsFromSets($"checkpoint.store={store}", "checkpoint.path=state/offsets.json");

        Assert.Equal(expected, Assert.Single(problems));
    }

    [Theory]
    [InlineData("file", "'checkpoint.topic' is set, but 'checkpoint.store' is file: the topic is only used by the kafka store.")]
    [InlineData("mongodb", "'checkpoint.topic' is set, but 'checkpoint.store' is mongodb: the topic is only used by the kafka store.")]
    public void A_checkpoint_topic_with_a_store_other_than_kafka_is_contradictory(string store, string expected)
    {
        var problems = Load.ProblemsFromSets($"checkpoint.store={store}", "checkpoint.topic=offsets");

        Assert.Equal(expected, Assert.Single(problems));
    }

    [Theory]
    [InlineData("kafka.topics.orders=x")]
    [InlineData("kafka.topics..orders=x")]
    [InlineData("kafka.topics.shop.=x")]
    public void A_topic_override_must_name_a_database_and_a_collection(string set)
    {
        var problem = Assert.Single(Load.ProblemsFromSets(set));

        Assert.EndsWith("must name a namespace as <database>.<collection>.", problem);
        Assert.StartsWith("'kafka.topics.", problem);
    }

    [Fact]
    public void A_topic_override_must_be_a_valid_topic_name()
    {
        var problem = Assert.Single(Load.ProblemsFromSets("kafka.topics.shop.orders=orders/v2"));

        Assert.Equal("'kafka.topics.shop.orders' must be a Kafka topic name: only letters, digits, '.', '_' and '-'; got \"orders/v2\".", problem);
    }

    [Fact]
    public void A_topic_override_longer_than_kafka_allows_is_rejected()
    {
        var problem = Assert.Single(Load.ProblemsFromSets($"kafka.topics.shop.orders={new string('t', 250)}"));

        Assert.StartsWith("'kafka.topics.shop.orders' must be a Kafka topic name: 1 to 249 characters", problem);
    }

    [Theory]
    [InlineData("kafka.producer.bootstrap.servers=k:9092", "'kafka.producer.bootstrap.servers' duplicates 'kafka.bootstrapServers': set the brokers there.")]
    [InlineData("kafka.producer.metadata.broker.list=k:9092", "'kafka.producer.metadata.broker.list' duplicates 'kafka.bootstrapServers': set the brokers there.")]
    [InlineData("kafka.producer.enable.idempotence=false", "'kafka.producer.enable.idempotence' must stay true: without the idempotent producer, retries can reorder or duplicate events of one document; got \"false\".")]
    [InlineData("kafka.producer.acks=1", "'kafka.producer.acks' must stay all (-1): with fewer acknowledgements a broker failure can lose events whose resume token was already committed; got \"1\".")]
    [InlineData("kafka.producer.request.required.acks=0", "'kafka.producer.request.required.acks' must stay all (-1): with fewer acknowledgements a broker failure can lose events whose resume token was already committed; got \"0\".")]
    public void Producer_properties_that_break_the_guarantees_are_rejected(string set, string expected)
    {
        Assert.Equal(expected, Assert.Single(Load.ProblemsFromSets(set)));
    }

    [Fact]
    public void Producer_properties_that_keep_the_guarantees_are_accepted()
    {
        var options = Load.FromSets("kafka.producer.acks=all", "kafka.producer.enable.idempotence=true", "kafka.producer.linger.ms=20");

        Assert.Equal("all", options.Kafka.Producer["acks"]);
    }

    [Fact]
    public void Every_contradiction_is_reported_at_once()
    {
        var problems = Load.ProblemsFromSets("mongodb.scope=database", "checkpoint.topic=t", "kafka.producer.acks=1");

        Assert.Equal(3, problems.Count);
    }
}
