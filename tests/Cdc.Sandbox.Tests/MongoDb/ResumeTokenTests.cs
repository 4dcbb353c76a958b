using Cdc.Sandbox.MongoDb.ChangeStreams;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.Tests.MongoDb;

public sealed class ResumeTokenTests
{
    [Fact]
    public void A_token_round_trips_through_its_hex_form()
    {
        var token = new ResumeToken(new BsonTimestamp(1_700_000_000, 42), 123_456_789_012, ResumeTokenKind.Invalidate);
        Assert.True(ResumeToken.TryParse(DocValue.FromDocument(token.ToDocument()), out var parsed, out var problem), problem);
        Assert.Equal(token, parsed);
        Assert.Matches("^82[0-9A-F]{40}$", token.ToHex());
    }

    [Fact]
    public void Token_strings_sort_in_event_order()
    {
        var tokens = new[]
        {
            new ResumeToken(new BsonTimestamp(10, 1), 0, ResumeTokenKind.HighWaterMark),
            new ResumeToken(new BsonTimestamp(10, 1), 0, ResumeTokenKind.Event),
            new ResumeToken(new BsonTimestamp(10, 1), 0, ResumeTokenKind.Event, Fragment: 1, FragmentCount: 2),
            new ResumeToken(new BsonTimestamp(10, 1), 0, ResumeTokenKind.Event, Fragment: 2, FragmentCount: 2),
            new ResumeToken(new BsonTimestamp(10, 1), 0, ResumeTokenKind.Invalidate),
            new ResumeToken(new BsonTimestamp(10, 1), 1, ResumeTokenKind.HighWaterMark),
            new ResumeToken(new BsonTimestamp(10, 2), 1, ResumeTokenKind.Event),
            new ResumeToken(new BsonTimestamp(10, 2), 2, ResumeTokenKind.Event),
            new ResumeToken(new BsonTimestamp(11, 0), 255, ResumeTokenKind.Event),
            new ResumeToken(new BsonTimestamp(11, 0), 256, ResumeTokenKind.Event),
            new ResumeToken(new BsonTimestamp(300, 0), 70_000, ResumeTokenKind.Event),
        };
        for (var i = 1; i < tokens.Length; i++)
        {
            Assert.True(string.CompareOrdinal(tokens[i - 1].ToHex(), tokens[i].ToHex()) < 0, $"token {i - 1} does not sort before token {i}");
        }
    }

    [Fact]
    public void A_fragment_token_round_trips_with_its_fragment_number()
    {
        var token = new ResumeToken(new BsonTimestamp(1_700_000_000, 42), 7, ResumeTokenKind.Event).ForFragment(3, 4);
        Assert.True(ResumeToken.TryParseHex(token.ToHex(), out var parsed, out var problem), problem);
        Assert.Equal(3, parsed.Fragment);
        Assert.Equal(4, parsed.FragmentCount);
        Assert.Equal(token, parsed);
    }

    [Fact]
    public void Only_an_event_token_may_name_a_fragment_and_only_within_its_count()
    {
        foreach (var token in new[]
        {
            new ResumeToken(new BsonTimestamp(5, 6), 7, ResumeTokenKind.HighWaterMark, Fragment: 1, FragmentCount: 1),
            new ResumeToken(new BsonTimestamp(5, 6), 7, ResumeTokenKind.Event, Fragment: 3, FragmentCount: 2),
            new ResumeToken(new BsonTimestamp(5, 6), 7, ResumeTokenKind.Event, Fragment: 0, FragmentCount: 2),
        })
        {
            Assert.False(ResumeToken.TryParseHex(token.ToHex(), out _, out var problem));
            Assert.Contains("corrupted", problem, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("82")]
    [InlineData("not hex at all, but thirty-eight chars")]
    [InlineData("8200000000000000000000000000000000000000")]
    public void Malformed_hex_is_rejected_with_a_reason(string hex)
    {
        Assert.False(ResumeToken.TryParseHex(hex, out _, out var problem));
        Assert.Contains("_data", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_digit_is_caught_by_the_checksum()
    {
        var hex = new ResumeToken(new BsonTimestamp(5, 6), 7, ResumeTokenKind.Event).ToHex();
        var corrupted = string.Concat(hex.AsSpan(0, 20), hex[20] == '0' ? "1" : "0", hex.AsSpan(21));
        Assert.False(ResumeToken.TryParseHex(corrupted, out _, out var problem));
        Assert.Contains("corrupted", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_must_be_a_document_holding_only_data()
    {
        Assert.False(ResumeToken.TryParse(DocValue.FromString("x"), out _, out _));
        Assert.False(ResumeToken.TryParse(DocValue.FromDocument(new Doc().Add("_data", 1)), out _, out _));
        Assert.False(ResumeToken.TryParse(DocValue.FromDocument(new Doc().Add("_data", "82").Add("extra", 1)), out _, out _));
    }
}
