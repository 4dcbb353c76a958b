using Cdc.Connector.Configuration;
using Cdc.Connector.Source;
using Cdc.Connector.Tests.MongoDb;
using Cdc.Schemas.Bson;

namespace Cdc.Connector.Tests.Configuration;

public sealed class ConfiguredStartTests
{
    private const string TokenData = "8265F0A1D2000000012B022C0100296E5A1004";
    private const string NeedsToken =
        "needs a resume token: the hex string of a record's resumeToken field (like 8265F0A1D2000000012B022C0100296E5A1004) or the token document as Extended JSON";

    [Fact]
    public void Latest_starts_now()
    {
        var start = ConfiguredStart.Parse("latest");

        Assert.True(start.IsLatest);
        Assert.Null(ResumePosition.FromConfigured(start));
        Assert.Equal("latest", start.Text);
    }

    [Theory]
    [InlineData("timestamp:0", 0u)]
    [InlineData("timestamp:1700000000", 1_700_000_000u)]
    [InlineData("timestamp:4294967295", uint.MaxValue)]
    public void A_timestamp_starts_at_that_second_inclusive(string text, uint seconds)
    {
        var start = ConfiguredStart.Parse(text);
        var position = ResumePosition.FromConfigured(start)!;

        Assert.Equal(new BsonTimestamp(seconds, 0), position.OperationTime);
        Assert.Null(position.Token);
        Assert.Equal(text, start.Text);
    }

    [Theory]
    [InlineData("resumeAfter:" + TokenData, false)]
    [InlineData("startAfter:" + TokenData, true)]
    [InlineData("resumeAfter:  " + TokenData + " ", false)]
    [InlineData("resumeAfter:" + "8265f0a1d2000000012b022c0100296e5a1004", false)]
    public void A_hex_token_becomes_the_token_document_with_that_data(string text, bool startAfter)
    {
        var start = ConfiguredStart.Parse(text);

        var data = text[(text.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        var position = ResumePosition.FromConfigured(start)!;
        Assert.Equal(Bson.Doc($$"""{"_data": "{{data}}"}"""), position.Token);
        Assert.Equal(startAfter, position.IsInvalidate);
        Assert.Null(position.OperationTime);
        Assert.Equal(text, start.Text);
    }

    [Theory]
    [InlineData("""{"_data": "8265F0A1D2000000012B022C0100296E5A1004"}""")]
    [InlineData("""{ "_data" : "8265F0A1D2000000012B022C0100296E5A1004", "_typeBits": {"$binary": {"base64": "gkA=", "subType": "00"}} }""")]
    [InlineData("""{"_data": {"$binary": {"base64": "gmXwodIAAAABKwIsAQApblo=", "subType": "00"}}}""")]
    public void An_Extended_JSON_token_document_is_taken_as_it_is(string json)
    {
        var resumeAfter = ResumePosition.FromConfigured(ConfiguredStart.Parse("resumeAfter:" + json))!;
        var startAfter = ResumePosition.FromConfigured(ConfiguredStart.Parse("startAfter:" + json))!;

        Assert.Equal(Bson.Doc(json), resumeAfter.Token);
        Assert.False(resumeAfter.IsInvalidate);
        Assert.Equal(Bson.Doc(json), startAfter.Token);
        Assert.True(startAfter.IsInvalidate);
    }

    [Theory]
    [InlineData("earliest")]
    [InlineData("")]
    [InlineData("Latest")]
    [InlineData("timestamp:")]
    [InlineData("timestamp:-1")]
    [InlineData("timestamp:+5")]
    [InlineData("timestamp: 5")]
    [InlineData("timestamp:1.5")]
    [InlineData("timestamp:4294967296")]
    [InlineData("ResumeAfter:8265F0A1")]
    [InlineData("resumeafter:8265F0A1")]
    [InlineData("token:8265F0A1")]
    public void An_unknown_form_is_told_every_form_there_is(string text)
    {
        Assert.Null(ConfiguredStart.TryParse(text, out var problem));
        Assert.Equal(
            "must be latest, timestamp:<seconds since the epoch>, resumeAfter:<token> or startAfter:<token> (a token is a resumeToken's hex string or its document as Extended JSON)",
            problem);
        Assert.Equal(ConfiguredStart.Requirement, problem);
    }

    [Theory]
    [InlineData("resumeAfter:")]
    [InlineData("startAfter:  ")]
    [InlineData("resumeAfter:8265F0A1Z")]
    [InlineData("startAfter:0x8265F0A1")]
    [InlineData("resumeAfter:\"8265F0A1\"")]
    public void A_token_that_is_neither_hex_nor_a_document_is_refused(string text)
    {
        Assert.Null(ConfiguredStart.TryParse(text, out var problem));
        Assert.Equal(NeedsToken, problem);
    }

    [Theory]
    [InlineData("resumeAfter:{}")]
    [InlineData("startAfter: { } ")]
    public void An_empty_token_document_is_refused(string text)
    {
        Assert.Null(ConfiguredStart.TryParse(text, out var problem));
        Assert.Equal("names an empty resume token document", problem);
    }

    [Theory]
    [InlineData("resumeAfter:{\"_data\": ",
        "(Not valid JSON (line 1, byte 10): Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed)")]
    [InlineData("startAfter:{_data: \"8265\"}", "(Not valid JSON (line 1, byte 2): '_' is an invalid start of a property name. Expected a '\"')")]
    [InlineData("resumeAfter:{\"_data\": {\"$binary\": \"nope\"}}", "(Invalid Extended JSON at $._data: is missing the \"$type\" field)")]
    public void A_token_document_that_is_not_Extended_JSON_is_refused_saying_why(string text, string why)
    {
        Assert.Null(ConfiguredStart.TryParse(text, out var problem));
        Assert.Equal("has a resume token that is not valid Extended JSON " + why, problem);
    }

    [Theory]
    [InlineData("earliest", "mongodb.startAt 'earliest' must be latest, timestamp:<seconds since the epoch>, resumeAfter:<token> or startAfter:<token> (a token is a resumeToken's hex string or its document as Extended JSON). (Parameter 'text')")]
    [InlineData("startAfter:xyz", "mongodb.startAt 'startAfter:xyz' " + NeedsToken + ". (Parameter 'text')")]
    [InlineData("resumeAfter:{}", "mongodb.startAt 'resumeAfter:{}' names an empty resume token document. (Parameter 'text')")]
    public void Parse_refuses_an_invalid_form_naming_the_key_and_the_value(string text, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => ConfiguredStart.Parse(text));

        Assert.Equal(message, error.Message);
    }
}
