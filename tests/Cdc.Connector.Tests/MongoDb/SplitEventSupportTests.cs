using Cdc.Connector.MongoDb;

namespace Cdc.Connector.Tests.MongoDb;

public sealed class SplitEventSupportTests
{
    [Theory]
    [InlineData("7.0.0", true)]
    [InlineData("8.0.4", true)]
    [InlineData("7.0.2-ent", true)]
    [InlineData("6.0.9", true)]
    [InlineData("6.0.9-cdc-sandbox", true)]
    [InlineData("6.0.15", true)]
    [InlineData("6.0.8", false)]
    [InlineData("6.0.0", false)]
    [InlineData("6.3.1", false)]
    [InlineData("5.0.26", false)]
    [InlineData("4.4.0", false)]
    [InlineData("8.0.0-rc1", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("seven", false)]
    public void The_split_stage_is_used_from_MongoDB_7_0_and_from_6_0_9_on_the_6_0_line(string? version, bool supported)
    {
        Assert.Equal(supported, SplitEventSupport.Supports(version));
    }
}
