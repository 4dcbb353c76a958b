using Cdc.Connector.Configuration;

namespace Cdc.Connector.Tests.Configuration;

public sealed class RunRequirementsTests
{
    [Fact]
    public void Defaults_lack_every_endpoint_and_the_checkpoint_path()
    {
        var ex = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.ValidateForRun(new CdcOptions()));

        Assert.Equal(
            [
                "'mongodb.uri' is required to run the connector: set it in the configuration file, with CDC__MONGODB__URI, or with --set mongodb.uri=….",
                "'kafka.bootstrapServers' is required to run the connector: set it in the configuration file, with CDC__KAFKA__BOOTSTRAPSERVERS, or with --set kafka.bootstrapServers=….",
                "'schemaRegistry.url' is required to run the connector: set it in the configuration file, with CDC__SCHEMAREGISTRY__URL, or with --set schemaRegistry.url=….",
                "'checkpoint.path' is required to run the connector because 'checkpoint.store' is file: set it in the configuration file, with CDC__CHECKPOINT__PATH, or with --set checkpoint.path=….",
            ],
            ex.Problems);
    }

    [Fact]
    public void The_kafka_checkpoint_store_needs_a_topic()
    {
        var options = Load.FromSets(
            "mongodb.uri=mongodb://h:27017",
            "kafka.bootstrapServers=k:9092",
            "schemaRegistry.url=http://sr:8081",
            "checkpoint.store=kafka");

        var ex = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.ValidateForRun(options));

        Assert.Equal(
            "'checkpoint.topic' is required to run the connector because 'checkpoint.store' is kafka: set it in the configuration file, with CDC__CHECKPOINT__TOPIC, or with --set checkpoint.topic=….",
            Assert.Single(ex.Problems));
    }

    [Theory]
    [InlineData("checkpoint.path=state/offsets.json")]
    [InlineData("checkpoint.store=mongodb")]
    public void A_complete_configuration_passes(string checkpoint)
    {
        var options = Load.FromSets(
            "mongodb.uri=mongodb://h:27017",
            "kafka.bootstrapServers=k:9092",
            "schemaRegistry.url=http://sr:8081",
            checkpoint);

        ConfigurationLoader.ValidateForRun(options);

        Assert.Equal("mongodb://h:27017", options.MongoDb.Uri);
    }

    [Fact]
    public void Loading_alone_does_not_require_endpoints_so_inspect_works_offline()
    {
        var options = Load.FromSets("mapping.json=canonical");

        Assert.Null(options.MongoDb.Uri);
        Assert.Equal("canonical", ConfigurationSchema.WordOf(options.Mapping.Json));
    }

    [Fact]
    public void Run_requirements_come_in_the_same_pass_as_the_files_own_problems()
    {
        using var file = new TemporaryConfigFile("""{ "mongodb": { "batchSize": "many", "scope": "cluster", "collection": "orders" }, "checkpoint": { "store": "file" } }""");

        var ex = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.LoadForRun(file.Path, [], Load.NoEnvironment));

        Assert.Contains(ex.Problems, p => p.StartsWith("'mongodb.batchSize' must be", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("'mongodb.scope' is cluster, but 'mongodb.database' or 'mongodb.collection' is set", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("'mongodb.uri' is required", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("'checkpoint.path' is required", StringComparison.Ordinal));
    }

    [Fact]
    public void A_refused_value_is_not_also_judged_across_keys_or_reported_missing()
    {
        var ex = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.LoadForRun(
            null,
            ["mongodb.uri=http://not-mongo", "mongodb.scope=collections", "mongodb.database=shop", "kafka.bootstrapServers=k:9092", "schemaRegistry.url=http://sr:8081", "checkpoint.store=mongodb"],
            Load.NoEnvironment));

        // The scope's own problem and the URI's own problem; no "scope is cluster, but database is set" from the default
        // scope the refused value left behind, and no "'mongodb.uri' is required".
        Assert.Equal(2, ex.Problems.Count);
        Assert.StartsWith("'mongodb.uri' ", ex.Problems[0], StringComparison.Ordinal);
        Assert.StartsWith("'mongodb.scope' ", ex.Problems[1], StringComparison.Ordinal);
    }
}
