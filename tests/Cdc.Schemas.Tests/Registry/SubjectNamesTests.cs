using Cdc.Schemas.Registry;

namespace Cdc.Schemas.Tests.Registry;

public sealed class SubjectNamesTests
{
    [Theory]
    [InlineData("Topic", true, "cdc.shop.orders-key")]
    [InlineData("Topic", false, "cdc.shop.orders-value")]
    [InlineData("Record", true, "cdc.shop.orders.Key")]
    [InlineData("Record", false, "cdc.shop.orders.Key")]
    [InlineData("TopicRecord", false, "cdc.shop.orders-cdc.shop.orders.Key")]
    public void Each_strategy_names_the_subject_as_Confluent_does(string strategy, bool isKey, string expected)
    {
        Assert.Equal(expected, SubjectNames.For(Enum.Parse<SubjectNameStrategy>(strategy), "cdc.shop.orders", isKey, "cdc.shop.orders.Key"));
    }

    [Fact]
    public void Topic_is_the_default_strategy()
    {
        Assert.Equal(SubjectNameStrategy.Topic, default);
    }

    [Fact]
    public void An_unknown_strategy_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SubjectNames.For((SubjectNameStrategy)42, "t", false, "R"));
    }
}
