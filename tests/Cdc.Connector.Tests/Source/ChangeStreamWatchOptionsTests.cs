using Cdc.Connector.Configuration;
using Cdc.Connector.Source;
using Cdc.Connector.Tests.Interop;
using Cdc.Schemas.Bson;

namespace Cdc.Connector.Tests.Source;

public sealed class ChangeStreamWatchOptionsTests
{
    private static readonly byte[] Token = Bson.Doc("""{"_data": "826B022DF800000003000000000000000201D2"}""");

    [Fact]
    public void Defaults_send_only_the_start_and_the_await_time()
    {
        var options = ChangeStreamWatchOptions.Build(new MongoDbOptions(), StartKind.ResumeAfter, Token, null);

        Assert.Equal("""{"resumeAfter":{"_data":"826B022DF800000003000000000000000201D2"},"maxAwaitTimeMS":1000}""", Bson.Json(options));
    }

    [Fact]
    public void Every_stream_option_is_passed_when_set()
    {
        var mongo = new MongoDbOptions { FullDocument = "updateLookup", FullDocumentBeforeChange = "whenAvailable", BatchSize = 50, MaxAwaitTimeMs = 250 };

        var options = ChangeStreamWatchOptions.Build(mongo, StartKind.StartAfter, Token, null);

        Assert.Equal(
            """{"startAfter":{"_data":"826B022DF800000003000000000000000201D2"},"fullDocument":"updateLookup","fullDocumentBeforeChange":"whenAvailable","batchSize":50,"maxAwaitTimeMS":250}""",
            Bson.Json(options));
    }

    [Fact]
    public void A_time_start_sends_startAtOperationTime()
    {
        var options = ChangeStreamWatchOptions.Build(new MongoDbOptions(), StartKind.AtOperationTime, [], new BsonTimestamp(1_700_000_000, 3));

        Assert.Equal("""{"startAtOperationTime":{"$timestamp":{"t":1700000000,"i":3}},"maxAwaitTimeMS":1000}""", Bson.Json(options));
    }

    [Fact]
    public void A_token_start_without_a_token_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ChangeStreamWatchOptions.Build(new MongoDbOptions(), StartKind.ResumeAfter, [], null));
        Assert.Throws<ArgumentException>(() => ChangeStreamWatchOptions.Build(new MongoDbOptions(), StartKind.AtOperationTime, Token, null));
    }
}
