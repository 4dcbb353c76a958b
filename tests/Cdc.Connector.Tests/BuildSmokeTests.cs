using Cdc.Connector.Configuration;

namespace Cdc.Connector.Tests;

public sealed class BuildSmokeTests
{
    [Fact]
    public void Default_topic_prefix_is_cdc() => Assert.Equal("cdc", new CdcOptions().Kafka.TopicPrefix);
}
