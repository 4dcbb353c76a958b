using Cdc.Connector.Configuration;

namespace Cdc.Connector.Tests.Configuration;

public sealed class ConfigurationDefaultsTests
{
    [Fact]
    public void Loading_without_any_source_gives_the_documented_defaults()
    {
        var options = ConfigurationLoader.Load(null, [], Load.NoEnvironment);

        Assert.Null(options.MongoDb.Uri);
        Assert.Equal("cluster", ConfigurationSchema.WordOf(options.MongoDb.Scope));
        Assert.Null(options.MongoDb.Database);
        Assert.Null(options.MongoDb.Collection);
        Assert.Empty(options.MongoDb.Pipeline);
        Assert.Equal("default", ConfigurationSchema.WordOf(options.MongoDb.FullDocument));
        Assert.Equal("off", ConfigurationSchema.WordOf(options.MongoDb.FullDocumentBeforeChange));
        Assert.Equal("latest", options.MongoDb.StartAt);
        Assert.Equal(0, options.MongoDb.BatchSize);
        Assert.Equal(1000, options.MongoDb.MaxAwaitTimeMs);
        Assert.False(options.MongoDb.ShowExpandedEvents);
        Assert.Null(options.MongoDb.Collation);
        Assert.Null(options.MongoDb.Comment);
        Assert.Null(options.Kafka.BootstrapServers);
        Assert.Equal("cdc", options.Kafka.TopicPrefix);
        Assert.Empty(options.Kafka.Topics);
        Assert.Empty(options.Kafka.Producer);
        Assert.Null(options.SchemaRegistry.Url);
        Assert.Null(options.SchemaRegistry.BasicAuth);
        Assert.Equal("topic", ConfigurationSchema.WordOf(options.SchemaRegistry.SubjectNameStrategy));
        Assert.Equal("relaxed", ConfigurationSchema.WordOf(options.Mapping.Json));
        Assert.True(options.Mapping.TombstonesOnDelete);
        Assert.Equal("namespaceKey", ConfigurationSchema.WordOf(options.Mapping.KeylessEvents));
        Assert.Equal("envelope", ConfigurationSchema.WordOf(options.Mapping.Value));
        Assert.Empty(options.Mapping.Schemas);
        Assert.Empty(options.Mapping.DeclaredSchemas);
        Assert.Equal("file", ConfigurationSchema.WordOf(options.Checkpoint.Store));
        Assert.Null(options.Checkpoint.Path);
        Assert.Null(options.Checkpoint.Topic);
        Assert.Equal(1000, options.Checkpoint.IntervalMs);
        Assert.Equal(8080, options.Http.Port);
    }

    [Fact]
    public void An_empty_file_object_keeps_the_defaults()
    {
        var options = Load.FromJson("{}");

        Assert.Equal("relaxed", ConfigurationSchema.WordOf(options.Mapping.Json));
        Assert.Equal("cluster", ConfigurationSchema.WordOf(options.MongoDb.Scope));
    }

    [Fact]
    public void Variables_outside_the_CDC_double_underscore_prefix_are_ignored()
    {
        var options = Load.FromEnvironment(("PATH", "/bin"), ("CDC_DEBUG", "1"), ("CDC_IT_KAFKA", "x"), ("MAPPING__JSON", "nonsense"));

        Assert.Equal("relaxed", ConfigurationSchema.WordOf(options.Mapping.Json));
    }
}
