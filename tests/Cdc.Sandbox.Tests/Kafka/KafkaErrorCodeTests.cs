using Cdc.Sandbox.Kafka;

namespace Cdc.Sandbox.Tests.Kafka;

public sealed class KafkaErrorCodeTests
{
    [Theory]
    [InlineData("NOT_LEADER_FOR_PARTITION", 6)]
    [InlineData("not_leader_for_partition", 6)]
    [InlineData("RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED", 29)]
    [InlineData("_TRANSPORT", -195)]
    [InlineData(" 7 ", 7)]
    [InlineData("-195", -195)]
    public void Names_and_numbers_parse_to_librdkafkas_codes(string text, int code) =>
        Assert.Equal(new KafkaErrorCode(code), KafkaErrorCode.Parse(text));

    [Theory]
    [InlineData("NOT_A_KAFKA_ERROR")]
    [InlineData("12345")]
    [InlineData("-12345")]
    public void Unknown_names_and_codes_are_refused_with_the_text_in_the_message(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => KafkaErrorCode.Parse(text));
        Assert.Contains(text.Trim(), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_and_descriptions_are_librdkafkas_own()
    {
        Assert.Equal("NOT_LEADER_FOR_PARTITION", KafkaErrorCode.NotLeaderForPartition.Name);
        Assert.Equal("Broker: Not leader for partition", KafkaErrorCode.NotLeaderForPartition.Description);
        Assert.Equal("_TRANSPORT", KafkaErrorCode.Transport.Name);
        Assert.Equal("NO_ERROR", KafkaErrorCode.NoError.Name);
        Assert.True(KafkaErrorCode.TopicAlreadyExists.IsKnown);
        Assert.False(new KafkaErrorCode(12345).IsKnown);
        Assert.Equal("TOPIC_AUTHORIZATION_FAILED (29)", KafkaErrorCode.TopicAuthorizationFailed.ToString());
    }
}
