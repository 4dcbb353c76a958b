using System.Buffers;
using Cdc.Connector.Mapping;
using Cdc.Connector.Tests.Check;
using Cdc.Schemas.ExtendedJson;
using Cdc.Schemas.Mapping;

namespace Cdc.Connector.Tests.Configuration;

/// <summary>
/// Issue 14: the checkpoint topic, the dead-letter topic, kafka.topics entries and the topics the connector generates
/// must not collide. Namespaces the configuration names are judged at start-up, in the one pass of every problem; the
/// others when the mapper first resolves their topic.
/// </summary>
public sealed class TopicCollisionRulesTests
{
    private const string CheckpointHolds = "the kafka checkpoint store reads every record of its topic as a checkpoint";

    private const string DeadLetterHolds =
        "dead-letter records are not change records (their values are JSON or raw BSON, not Avro, and one the broker refused for its size has the key and no value, which a consumer of change records takes for a delete)";

    private const string RenameCheckpoint =
        "give 'checkpoint.topic' a name outside the connector's topics (neither \"cdc\" nor starting with \"cdc.\"); a checkpoint committed in the old topic stays there, so continue from it with mongodb.startAt=resumeAfter:<its token>";

    private const string RenameDeadLetter = "give 'kafka.deadLetterTopic' a name outside the connector's topics (neither \"cdc\" nor starting with \"cdc.\")";

    [Fact]
    public void The_checkpoint_topic_and_the_dead_letter_topic_cannot_be_one_topic()
    {
        var problem = Assert.Single(Load.ProblemsFromSets("checkpoint.store=kafka", "checkpoint.topic=cdc-state", "kafka.deadLetterTopic=cdc-state"));

        Assert.Equal(
            $"'checkpoint.topic' and 'kafka.deadLetterTopic' are both \"cdc-state\": {CheckpointHolds}, so dead-letter records must not go there; give one of them another topic.",
            problem);
    }

    [Fact]
    public void The_checkpoint_topic_cannot_be_a_kafka_topics_entry()
    {
        var problem = Assert.Single(Load.ProblemsFromSets("checkpoint.store=kafka", "checkpoint.topic=orders", "kafka.topics.shop.orders=orders"));

        Assert.Equal(
            $"'checkpoint.topic' and 'kafka.topics.shop.orders' are both \"orders\": {CheckpointHolds}, so change records must not go there; give one of them another topic.",
            problem);
    }

    [Fact]
    public void The_checkpoint_topic_cannot_be_the_database_topic_of_a_database_stream()
    {
        var problem = Assert.Single(Load.ProblemsFromSets(
            "mongodb.scope=database", "mongodb.database=shop", "checkpoint.store=kafka", "checkpoint.topic=cdc.shop"));

        Assert.Equal(
            "'checkpoint.topic' is \"cdc.shop\", which 'kafka.topicPrefix' and 'mongodb.database' make the topic of database shop's own events (dropDatabase) as well: "
            + $"{CheckpointHolds}, so change records must not go there; fix: {RenameCheckpoint}.",
            problem);
    }

    [Fact]
    public void The_checkpoint_topic_cannot_be_the_collection_topic_of_a_collection_stream()
    {
        var problem = Assert.Single(Load.ProblemsFromSets(
            "mongodb.scope=collection", "mongodb.database=shop", "mongodb.collection=orders", "checkpoint.store=kafka", "checkpoint.topic=cdc.shop.orders"));

        Assert.Equal(
            "'checkpoint.topic' is \"cdc.shop.orders\", which 'kafka.topicPrefix', 'mongodb.database' and 'mongodb.collection' make the topic of collection shop.orders as well: "
            + $"{CheckpointHolds}, so change records must not go there; fix: send shop.orders to another topic with kafka.topics.shop.orders=<topic>, or {RenameCheckpoint}.",
            problem);
    }

    [Fact]
    public void The_dead_letter_topic_cannot_be_the_topic_of_an_included_namespace()
    {
        var problem = Assert.Single(Load.ProblemsFromSets(
            "mongodb.includeNamespaces=shop.orders,billing", "kafka.topicPrefix=prod", "kafka.deadLetterTopic=prod.shop.orders"));

        Assert.Equal(
            "'kafka.deadLetterTopic' is \"prod.shop.orders\", which 'kafka.topicPrefix' and 'mongodb.includeNamespaces' make the topic of collection shop.orders as well: "
            + $"{DeadLetterHolds}, so change records must not go there; fix: send shop.orders to another topic with kafka.topics.shop.orders=<topic>, "
            + "or give 'kafka.deadLetterTopic' a name outside the connector's topics (neither \"prod\" nor starting with \"prod.\").",
            problem);
    }

    [Fact]
    public void The_dead_letter_topic_cannot_be_the_prefix_itself_the_topic_of_events_without_a_namespace()
    {
        var problem = Assert.Single(Load.ProblemsFromSets("kafka.deadLetterTopic=cdc"));

        Assert.Equal(
            "'kafka.deadLetterTopic' is \"cdc\", which 'kafka.topicPrefix' itself makes the topic of events without a namespace (invalidate) as well: "
            + $"{DeadLetterHolds}, so change records must not go there; fix: {RenameDeadLetter}.",
            problem);
    }

    [Fact]
    public void The_dead_letter_topic_cannot_be_a_kafka_topics_entry()
    {
        var problem = Assert.Single(Load.ProblemsFromSets("kafka.deadLetterTopic=orders", "kafka.topics.shop.orders=orders"));

        Assert.Equal(
            $"'kafka.deadLetterTopic' and 'kafka.topics.shop.orders' are both \"orders\": {DeadLetterHolds}, so change records must not go there; give one of them another topic.",
            problem);
    }

    [Fact]
    public void A_kafka_topics_entry_cannot_send_its_namespace_into_the_generated_topic_of_a_named_namespace_not_in_kafka_topics()
    {
        var problem = Assert.Single(Load.ProblemsFromSets("mongodb.includeNamespaces=shop.orders", "kafka.topics.shop.archive=cdc.shop.orders"));

        Assert.Equal(
            "'kafka.topics.shop.archive' is \"cdc.shop.orders\", which 'kafka.topicPrefix' and 'mongodb.includeNamespaces' make the topic of collection shop.orders as well, "
            + "while kafka.topics does not name collection shop.orders: their records would merge there unannounced; "
            + "fix: to publish shop.orders there as well on purpose, name it too with kafka.topics.shop.orders=cdc.shop.orders; otherwise give 'kafka.topics.shop.archive' another topic.",
            problem);
    }

    [Fact]
    public void Two_kafka_topics_entries_may_share_a_topic_as_a_deliberate_fan_in()
    {
        var options = Load.FromSets(
            "mongodb.includeNamespaces=shop.orders", "kafka.topics.shop.orders=cdc.shop.orders", "kafka.topics.shop.archive=cdc.shop.orders");
        var mapper = new ChangeEventMapper(MappingOptionsFactory.Create(options));

        Assert.Equal("cdc.shop.orders", Map(mapper, Insert("shop", "orders")).Topic);
        Assert.Equal("cdc.shop.orders", Map(mapper, Insert("shop", "archive")).Topic);
    }

    [Fact]
    public void A_namespace_with_its_own_kafka_topics_entry_leaves_its_generated_topic_free()
    {
        var options = Load.FromSets(
            "mongodb.scope=collection", "mongodb.database=shop", "mongodb.collection=orders", "kafka.topics.shop.orders=orders",
            "checkpoint.store=kafka", "checkpoint.topic=cdc.shop.orders");

        Assert.Equal("cdc.shop.orders", options.Checkpoint.Topic);
    }

    [Fact]
    public void A_topic_only_a_namespace_unnamed_in_the_configuration_would_generate_is_left_to_run_time()
    {
        // The chart's default checkpoint topic under a cluster stream: only a database called "checkpoints" would collide.
        var options = Load.FromSets("checkpoint.store=kafka", "checkpoint.topic=cdc.checkpoints", "kafka.deadLetterTopic=cdc.shop.dead");

        Assert.Equal("cdc.checkpoints", options.Checkpoint.Topic);
    }

    [Fact]
    public void A_collision_is_reported_in_the_same_pass_as_the_other_problems()
    {
        var problems = Load.ProblemsFromSets("logging.levle=debug", "kafka.deadLetterTopic=orders", "kafka.topics.shop.orders=orders", "pipeline.restartBackoffMaxMs=1");

        Assert.Equal(3, problems.Count);
        Assert.StartsWith("Unknown configuration key 'logging.levle'", problems[0], StringComparison.Ordinal);
        Assert.Contains(problems, p => p.StartsWith("'kafka.deadLetterTopic' and 'kafka.topics.shop.orders' are both \"orders\"", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("'pipeline.restartBackoffMaxMs' (1)", StringComparison.Ordinal));
    }

    [Fact]
    public void Cdc_check_reports_a_collision_as_a_configuration_failure_and_contacts_nothing()
    {
        var run = CheckRun.Invoke(
            "--set", "mongodb.uri=mongodb://127.0.0.1:1/?replicaSet=rs0",
            "--set", "kafka.bootstrapServers=127.0.0.1:1",
            "--set", "schemaRegistry.url=http://127.0.0.1:1",
            "--set", "checkpoint.store=kafka",
            "--set", "checkpoint.topic=cdc-state",
            "--set", "kafka.deadLetterTopic=cdc-state");

        Assert.True(run.ExitCode == 1, run.Describe());
        Assert.Equal(
            [
                $"FAIL  configuration: 'checkpoint.topic' and 'kafka.deadLetterTopic' are both \"cdc-state\": {CheckpointHolds}, so dead-letter records must not go there; "
                + "give one of them another topic. — fix: correct the key named above; nothing was contacted",
            ],
            run.Lines);
    }

    [Fact]
    public void A_later_collection_whose_topic_is_the_dead_letter_topic_stops_the_mapper_at_its_first_event()
    {
        var mapper = new ChangeEventMapper(MappingOptionsFactory.Create(Load.FromSets("kafka.deadLetterTopic=cdc.shop.late")));
        Assert.Equal("cdc.shop.orders", Map(mapper, Insert("shop", "orders")).Topic);

        var error = Assert.Throws<TopicCollisionException>(() => Map(mapper, Insert("shop", "late")));

        Assert.Equal(
            $"The topic of collection shop.late is \"cdc.shop.late\", which is 'kafka.deadLetterTopic': {DeadLetterHolds}. "
            + "The connector stops at this event rather than mix change records into it; "
            + $"fix: send shop.late to another topic with kafka.topics.shop.late=<topic>, or {RenameDeadLetter}.",
            error.Message);
    }

    [Fact]
    public void A_later_database_whose_topic_is_the_checkpoint_topic_stops_the_mapper_at_its_drop()
    {
        var mapper = new ChangeEventMapper(MappingOptionsFactory.Create(Load.FromSets("checkpoint.store=kafka", "checkpoint.topic=cdc.checkpoints")));

        var error = Assert.Throws<TopicCollisionException>(() => Map(mapper, DropDatabase("checkpoints")));

        Assert.Equal(
            $"The topic of database checkpoints's own events (dropDatabase) is \"cdc.checkpoints\", which is 'checkpoint.topic': {CheckpointHolds}. "
            + $"The connector stops at this event rather than mix change records into it; fix: {RenameCheckpoint}.",
            error.Message);
    }

    [Fact]
    public void A_later_collection_whose_generated_topic_a_kafka_topics_entry_uses_stops_the_mapper_at_its_first_event()
    {
        var mapper = new ChangeEventMapper(MappingOptionsFactory.Create(Load.FromSets("kafka.topics.shop.archive=cdc.shop.orders")));
        Assert.Equal("cdc.shop.orders", Map(mapper, Insert("shop", "archive")).Topic);

        var error = Assert.Throws<TopicCollisionException>(() => Map(mapper, Insert("shop", "orders")));

        Assert.Equal(
            "The topic of collection shop.orders is \"cdc.shop.orders\", which 'kafka.topics.shop.archive' also sends records to, while kafka.topics does not name collection shop.orders. "
            + "The connector stops at this event rather than merge their records unannounced; "
            + "fix: to publish shop.orders there as well on purpose, name it too with kafka.topics.shop.orders=cdc.shop.orders; otherwise give 'kafka.topics.shop.archive' another topic.",
            error.Message);
    }

    private static MappedEvent Map(ChangeEventMapper mapper, byte[] changeEvent) =>
        mapper.Map(changeEvent, new ArrayBufferWriter<byte>(), new ArrayBufferWriter<byte>());

    private static byte[] Insert(string db, string coll) => ExtendedJsonParser.ParseDocument($$"""
        { "_id": { "_data": "8200000001" }, "operationType": "insert", "clusterTime": { "$timestamp": { "t": 1, "i": 1 } },
          "ns": { "db": "{{db}}", "coll": "{{coll}}" }, "documentKey": { "_id": 1 }, "fullDocument": { "_id": 1 } }
        """);

    private static byte[] DropDatabase(string db) => ExtendedJsonParser.ParseDocument($$"""
        { "_id": { "_data": "8200000002" }, "operationType": "dropDatabase", "clusterTime": { "$timestamp": { "t": 2, "i": 1 } }, "ns": { "db": "{{db}}" } }
        """);
}
