using Cdc.Connector.Configuration;

namespace Cdc.Connector.Tests.Configuration;

public sealed class ConfigurationPrecedenceTests
{
    private const string File = """
        { "mapping": { "json": "canonical", "keylessEvents": "nullKey" },
          "mongodb": { "batchSize": 1 },
          "kafka": { "topics": { "shop.orders": "from-file", "shop.items": "items-from-file" }, "producer": { "linger.ms": "1" } } }
        """;

    [Fact]
    public void The_environment_overrides_the_file()
    {
        var options = Load.FromJson(File, Load.Environment(("CDC__MONGODB__BATCHSIZE", "2")));

        Assert.Equal(2, options.MongoDb.BatchSize);
        Assert.Equal("canonical", ConfigurationSchema.WordOf(options.Mapping.Json));
    }

    [Fact]
    public void Set_arguments_override_the_environment_and_the_file()
    {
        var options = Load.FromJson(
            File,
            Load.Environment(("CDC__MONGODB__BATCHSIZE", "2"), ("CDC__MAPPING__JSON", "relaxed")),
            "mongodb.batchSize=3");

        Assert.Equal(3, options.MongoDb.BatchSize);
        Assert.Equal("relaxed", ConfigurationSchema.WordOf(options.Mapping.Json));
        Assert.Equal("nullKey", ConfigurationSchema.WordOf(options.Mapping.KeylessEvents));
    }

    [Fact]
    public void Later_sources_override_single_map_entries_and_keep_the_others()
    {
        var options = Load.FromJson(
            File,
            Load.Environment(("CDC__KAFKA__TOPICS__shop__orders", "from-env"), ("CDC__KAFKA__PRODUCER__BATCH_SIZE", "100")),
            "kafka.topics.shop.orders=from-set",
            "kafka.producer.linger.ms=5");

        Assert.Equal("from-set", options.Kafka.Topics["shop.orders"]);
        Assert.Equal("items-from-file", options.Kafka.Topics["shop.items"]);
        Assert.Equal("5", options.Kafka.Producer["linger.ms"]);
        Assert.Equal("100", options.Kafka.Producer["batch.size"]);
    }

    [Fact]
    public void A_later_source_can_complete_a_setting_an_earlier_one_left_contradictory()
    {
        var options = Load.FromJson(
            """{ "mongodb": { "scope": "collection", "database": "shop" } }""",
            null,
            "mongodb.collection=orders");

        Assert.Equal("orders", options.MongoDb.Collection);
    }

    [Fact]
    public void Problems_from_every_source_are_reported_together()
    {
        var problems = Load.ProblemsFromJson(
            """{ "mapping": { "json": "pretty" } }""",
            "mongodb.batchSize=ten");

        Assert.Equal(
            [
                "'mapping.json' must be one of relaxed, canonical; got \"pretty\" (in config.json).",
                "'mongodb.batchSize' must be an integer ≥ 0; got \"ten\" (in --set mongodb.batchSize).",
            ],
            problems);
    }
}
