using Cdc.Connector.Checkpoint;
using Cdc.Connector.Pipeline;
using Cdc.Connector.Source;
using Cdc.Connector.Tests.MongoDb;
using Cdc.Schemas.Bson;

namespace Cdc.Connector.Tests.Pipeline;

public sealed class StartPositionResolverTests
{
    private static readonly byte[] Token = Bson.Doc("""{"_data": "826B022DF800000003000000000000000201D2"}""");
    private static readonly DateTimeOffset CommittedAt = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_committed_event_token_resumes_after_it_whatever_startAt_says()
    {
        var committed = new StoredCheckpoint("orders", ResumePosition.FromToken(Token, isInvalidate: false), CommittedAt);

        var start = StartPositionResolver.Resolve(committed, "timestamp:100");

        Assert.Equal(StartKind.ResumeAfter, start.Kind);
        Assert.Equal(Token, start.Position!.Token);
        Assert.Contains("committed checkpoint of 2026-11-21T10:00:00", start.Reason, StringComparison.Ordinal);
        Assert.Contains("826B022DF800000003000000000000000201D2", start.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_committed_invalidate_token_starts_after_it()
    {
        var committed = new StoredCheckpoint("orders", ResumePosition.FromToken(Token, isInvalidate: true), CommittedAt);

        var start = StartPositionResolver.Resolve(committed, "latest");

        Assert.Equal(StartKind.StartAfter, start.Kind);
        Assert.Contains("invalidate token", start.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_committed_operation_time_starts_at_that_time()
    {
        var committed = new StoredCheckpoint("orders", ResumePosition.FromOperationTime(new BsonTimestamp(1_700_000_000, 4)), CommittedAt);

        var start = StartPositionResolver.Resolve(committed, "latest");

        Assert.Equal(StartKind.AtOperationTime, start.Kind);
        Assert.Equal(new BsonTimestamp(1_700_000_000, 4), start.Position!.OperationTime);
    }

    [Fact]
    public void Without_a_checkpoint_a_configured_timestamp_starts_at_that_second_inclusive()
    {
        var start = StartPositionResolver.Resolve(null, "timestamp:1700000000");

        Assert.Equal(StartKind.AtOperationTime, start.Kind);
        Assert.Equal(new BsonTimestamp(1_700_000_000, 0), start.Position!.OperationTime);
        Assert.Contains("mongodb.startAt timestamp:1700000000 (2023-11-14T22:13:20", start.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_checkpoint_latest_starts_now()
    {
        var start = StartPositionResolver.Resolve(null, "latest");

        Assert.Equal(StartKind.Now, start.Kind);
        Assert.Null(start.Position);
        Assert.Contains("no committed checkpoint", start.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("resumeAfter:826B022DF800000003000000000000000201D2", "ResumeAfter")]
    [InlineData("startAfter:826B022DF800000003000000000000000201D2", "StartAfter")]
    [InlineData("resumeAfter:{\"_data\": \"826B022DF800000003000000000000000201D2\"}", "ResumeAfter")]
    [InlineData("startAfter:{\"_data\": \"826B022DF800000003000000000000000201D2\"}", "StartAfter")]
    public void Without_a_checkpoint_a_configured_token_resumes_or_starts_after_it(string startAt, string kind)
    {
        var start = StartPositionResolver.Resolve(null, startAt);

        Assert.Equal(Enum.Parse<StartKind>(kind), start.Kind);
        Assert.Equal(Token, start.Position!.Token);
        Assert.Equal($"no committed checkpoint; mongodb.startAt {startAt}", start.Reason);
    }

    [Fact]
    public void A_committed_checkpoint_wins_over_a_configured_token()
    {
        var committed = new StoredCheckpoint("orders", ResumePosition.FromOperationTime(new BsonTimestamp(1_700_000_000, 4)), CommittedAt);

        var start = StartPositionResolver.Resolve(committed, "startAfter:826B022DF800000003000000000000000201D2");

        Assert.Equal(StartKind.AtOperationTime, start.Kind);
        Assert.Null(start.Position!.Token);
    }

    [Theory]
    [InlineData("earliest", "must be latest, timestamp:<seconds since the epoch>, resumeAfter:<token> or startAfter:<token> (a token is a resumeToken's hex string or its document as Extended JSON)")]
    [InlineData("timestamp:", "must be latest, timestamp:<seconds since the epoch>, resumeAfter:<token> or startAfter:<token> (a token is a resumeToken's hex string or its document as Extended JSON)")]
    [InlineData("timestamp:-1", "must be latest, timestamp:<seconds since the epoch>, resumeAfter:<token> or startAfter:<token> (a token is a resumeToken's hex string or its document as Extended JSON)")]
    [InlineData("timestamp:4294967296", "must be latest, timestamp:<seconds since the epoch>, resumeAfter:<token> or startAfter:<token> (a token is a resumeToken's hex string or its document as Extended JSON)")]
    [InlineData("resumeAfter:", "needs a resume token: the hex string of a record's resumeToken field (like 8265F0A1D2000000012B022C0100296E5A1004) or the token document as Extended JSON")]
    [InlineData("startAfter:not-hex", "needs a resume token: the hex string of a record's resumeToken field (like 8265F0A1D2000000012B022C0100296E5A1004) or the token document as Extended JSON")]
    [InlineData("startAfter:{}", "names an empty resume token document")]
    [InlineData("resumeAfter:{\"_data\": ", "has a resume token that is not valid Extended JSON (Not valid JSON (line 1, byte 10): Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed)")]
    public void An_invalid_startAt_is_refused_naming_the_key_the_value_and_what_is_wrong(string startAt, string problem)
    {
        var error = Assert.Throws<ArgumentException>(() => StartPositionResolver.Resolve(null, startAt));

        Assert.Equal($"mongodb.startAt '{startAt}' {problem}. (Parameter 'text')", error.Message);
    }
}
