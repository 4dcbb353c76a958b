using System.Text;
using Cdc.Connector.Observability;
using Cdc.Connector.Source;
using Cdc.Schemas.Bson;
using Cdc.Schemas.ExtendedJson;

namespace Cdc.Connector.Tests.Observability;

public sealed class ResumeTokenClockTests
{
    [Theory]
    [InlineData("826B024DDE00000017000000000000001700C2", 0x6B024DDEu)]
    [InlineData("826b024dde0000001746645F696400", 0x6B024DDEu)]
    [InlineData("8200000001000000010000", 1u)]
    public void The_seconds_are_the_four_bytes_after_the_timestamp_tag(string data, uint expected)
    {
        Assert.True(ResumeTokenClock.TryParseData(Encoding.ASCII.GetBytes(data), out var seconds));
        Assert.Equal(expected, seconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("826B024D")]                 // too short for seconds and increment
    [InlineData("016B024DDE00000017")]       // not a timestamp key string
    [InlineData("826B0G4DDE00000017")]       // not hex
    [InlineData("820000000000000000000000")] // the sandbox's "nothing yet": no point in history
    public void Other_shapes_are_unknown_never_guessed(string data)
    {
        Assert.False(ResumeTokenClock.TryParseData(Encoding.ASCII.GetBytes(data), out _));
    }

    [Fact]
    public void A_token_document_and_a_time_position_both_give_their_cluster_time()
    {
        var token = ExtendedJsonParser.ParseDocument("""{ "_data": "826B024DDE00000017000000000000001700C2" }""");
        Assert.True(ResumeTokenClock.TryGetSeconds(token, out var seconds));
        Assert.Equal(0x6B024DDEu, seconds);
        Assert.Equal(0x6B024DDEL * 1000, ResumeTokenClock.UnixMilliseconds(ResumePosition.FromToken(token, isInvalidate: false)));
        Assert.Equal(1_700_000_000_000L, ResumeTokenClock.UnixMilliseconds(ResumePosition.FromOperationTime(new BsonTimestamp(1_700_000_000, 5))));
        Assert.Null(ResumeTokenClock.UnixMilliseconds(null));
    }

    [Fact]
    public void A_token_without_data_or_not_a_document_is_unknown()
    {
        Assert.False(ResumeTokenClock.TryGetSeconds(ExtendedJsonParser.ParseDocument("""{ "other": 1 }"""), out _));
        Assert.False(ResumeTokenClock.TryGetSeconds([1, 2, 3], out _));
        Assert.False(ResumeTokenClock.TryGetSeconds([9, 0, 0, 0, 2, 0, 0, 0, 0], out _));
    }
}
