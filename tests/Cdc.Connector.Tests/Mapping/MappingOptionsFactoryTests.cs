using Cdc.Connector.Configuration;
using Cdc.Connector.Mapping;
using Cdc.Schemas.ExtendedJson;
using Cdc.Schemas.Mapping;

namespace Cdc.Connector.Tests.Mapping;

public sealed class MappingOptionsFactoryTests
{
    [Fact]
    public void Every_mapping_setting_reaches_the_mapping_options()
    {
        var options = new CdcOptions();
        options.Mapping.Json = ExtendedJsonMode.Canonical;
        options.Mapping.TombstonesOnDelete = false;
        options.Mapping.KeylessEvents = KeylessEventPolicy.Skip;
        options.Kafka.TopicPrefix = "prod";
        options.Kafka.Topics["shop.orders"] = "orders";

        var mapping = MappingOptionsFactory.Create(options);

        Assert.Equal(ExtendedJsonMode.Canonical, mapping.JsonMode);
        Assert.False(mapping.TombstonesOnDelete);
        Assert.Equal(KeylessEventPolicy.Skip, mapping.KeylessEvents);
        Assert.Equal("prod", mapping.TopicPrefix);
        Assert.Equal("orders", mapping.TopicOverrides["shop.orders"]);
    }

    [Theory]
    [InlineData("namespaceKey", (int)KeylessEventPolicy.NamespaceKey)]
    [InlineData("nullKey", (int)KeylessEventPolicy.NullKey)]
    [InlineData("skip", (int)KeylessEventPolicy.Skip)]
    public void Keyless_policies_are_read_by_their_configuration_names(string text, int expected)
    {
        var options = ConfigurationLoader.Load(null, [$"mapping.keylessEvents={text}"], new Dictionary<string, string>());
        Assert.Equal((KeylessEventPolicy)expected, MappingOptionsFactory.Create(options).KeylessEvents);
    }

    [Fact]
    public void The_defaults_match_the_design()
    {
        var mapping = MappingOptionsFactory.Create(new CdcOptions());
        Assert.Equal(ExtendedJsonMode.Relaxed, mapping.JsonMode);
        Assert.True(mapping.TombstonesOnDelete);
        Assert.Equal(KeylessEventPolicy.NamespaceKey, mapping.KeylessEvents);
        Assert.Equal("cdc", mapping.TopicPrefix);
    }

    [Theory]
    [InlineData("prefix", "kafka.topicPrefix")]
    [InlineData("topic", "kafka.topics")]
    public void Invalid_settings_name_their_configuration_key(string broken, string key)
    {
        var options = new CdcOptions();
        switch (broken)
        {
            case "prefix": options.Kafka.TopicPrefix = "a b"; break;
            default: options.Kafka.Topics["shop.orders"] = "no/slashes"; break;
        }

        var error = Assert.Throws<ConfigurationException>(() => MappingOptionsFactory.Create(options));
        Assert.StartsWith(key + ":", error.Message, StringComparison.Ordinal);
    }
}
