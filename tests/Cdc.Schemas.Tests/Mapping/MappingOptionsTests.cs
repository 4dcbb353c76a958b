using Cdc.Schemas.ExtendedJson;
using Cdc.Schemas.Mapping;

namespace Cdc.Schemas.Tests.Mapping;

public sealed class MappingOptionsTests
{
    [Fact]
    public void Defaults_are_relaxed_tombstones_and_namespace_keys_under_cdc()
    {
        var options = new MappingOptions();
        Assert.Equal("cdc", options.TopicPrefix);
        Assert.Equal(ExtendedJsonMode.Relaxed, options.JsonMode);
        Assert.True(options.TombstonesOnDelete);
        Assert.Equal(KeylessEventPolicy.NamespaceKey, options.KeylessEvents);
        Assert.Empty(options.TopicOverrides);
    }

    [Fact]
    public void An_illegal_override_topic_is_rejected_naming_the_namespace_and_topic()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new MappingOptions(topicOverrides: new Dictionary<string, string> { ["shop.orders"] = "orders topic!" }));
        Assert.Contains("shop.orders", error.Message, StringComparison.Ordinal);
        Assert.Contains("orders topic!", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_override_with_an_empty_namespace_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new MappingOptions(topicOverrides: new Dictionary<string, string> { [string.Empty] = "t" }));
        Assert.Contains("empty namespace", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("c d c")]
    public void An_illegal_prefix_is_rejected(string prefix)
    {
        var error = Assert.Throws<ArgumentException>(() => new MappingOptions(topicPrefix: prefix));
        Assert.Contains("prefix", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Undefined_enum_values_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new MappingOptions(jsonMode: (ExtendedJsonMode)7));
        Assert.Throws<ArgumentException>(() => new MappingOptions(keylessEvents: (KeylessEventPolicy)7));
    }
}
