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
        Assert.Equal("canonical", options.Mapping.Json);
    }
}
