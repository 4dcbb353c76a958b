using Cdc.Cli.Check;

namespace Cdc.Connector.Tests.Check;

public sealed class AgeTextTests
{
    [Theory]
    [InlineData(42, "42 s ago")]
    [InlineData(192, "3 min 12 s ago")]
    [InlineData(5 * 3600 + 180, "5 h 3 min ago")]
    [InlineData(2 * 86400 + 4 * 3600, "2 d 4 h ago")]
    [InlineData(-7, "7 s in the future (clock skew)")]
    public void Ages_read_as_a_person_says_them(int seconds, string expected) =>
        Assert.Equal(expected, AgeText.Format(TimeSpan.FromSeconds(seconds)));
}
