using System.Text.Json.Nodes;
using Cdc.Connector.Configuration;
using Cdc.Connector.MongoDb;
using Cdc.Connector.Source;
using Cdc.Connector.Tests.Configuration;
using Cdc.Connector.Tests.Source;
using MongoDB.Bson;
using MongoDB.Driver;
using ConnectorTimestamp = Cdc.Schemas.Bson.BsonTimestamp;
using DriverTimestamp = MongoDB.Bson.BsonTimestamp;

namespace Cdc.Connector.Tests.MongoDb;

public sealed class ChangeStreamOptionsFactoryTests
{
    private const string TokenData = "826B022DF800000003000000000000000201D2";
    private static readonly byte[] Token = Bson.Doc($$"""{"_data": "{{TokenData}}"}""");
    private static readonly ConnectorTimestamp Time = new(1_700_000_000, 3);

    [Fact]
    public void Defaults_leave_every_stream_option_unset_but_the_await_time()
    {
        var options = ChangeStreamOptionsFactory.Build(new MongoDbOptions(), StartKind.ResumeAfter, Token, null);

        Assert.Equal(TimeSpan.FromMilliseconds(1000), options.MaxAwaitTime);
        Assert.Equal(ChangeStreamFullDocumentOption.Default, options.FullDocument);
        Assert.Equal(ChangeStreamFullDocumentBeforeChangeOption.Default, options.FullDocumentBeforeChange);
        Assert.Null(options.BatchSize);
        Assert.Null(options.ShowExpandedEvents);
        Assert.Null(options.Collation);
        Assert.Null(options.Comment);
        Assert.Null(options.StartAfter);
        Assert.Null(options.StartAtOperationTime);
    }

    [Theory]
    [InlineData("default", "Default")]
    [InlineData("updateLookup", "UpdateLookup")]
    [InlineData("whenAvailable", "WhenAvailable")]
    [InlineData("required", "Required")]
    public void Each_fullDocument_value_maps_to_the_drivers_option(string configured, string expected)
    {
        var options = Build(o => o.FullDocument = Load.FromSets($"mongodb.fullDocument={configured}").MongoDb.FullDocument);

        Assert.Equal(Enum.Parse<ChangeStreamFullDocumentOption>(expected), options.FullDocument);
    }

    [Theory]
    [InlineData("off", "Default")]
    [InlineData("whenAvailable", "WhenAvailable")]
    [InlineData("required", "Required")]
    public void Each_fullDocumentBeforeChange_value_maps_to_the_drivers_option(string configured, string expected)
    {
        var options = Build(o => o.FullDocumentBeforeChange = Load.FromSets($"mongodb.fullDocumentBeforeChange={configured}").MongoDb.FullDocumentBeforeChange);

        Assert.Equal(Enum.Parse<ChangeStreamFullDocumentBeforeChangeOption>(expected), options.FullDocumentBeforeChange);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(1, 1)]
    [InlineData(50, 50)]
    public void The_batch_size_is_sent_only_when_positive(int configured, int? expected)
    {
        Assert.Equal(expected, Build(o => o.BatchSize = configured).BatchSize);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(250)]
    [InlineData(60_000)]
    public void The_await_time_is_mongodb_maxAwaitTimeMs(int milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), Build(o => o.MaxAwaitTimeMs = milliseconds).MaxAwaitTime);
    }

    [Fact]
    public void An_await_time_of_zero_leaves_the_wait_to_the_server()
    {
        Assert.Null(Build(o => o.MaxAwaitTimeMs = 0).MaxAwaitTime);
    }

    [Fact]
    public async Task A_stream_with_an_await_time_of_zero_opens_and_reads()
    {
        await using var fixture = new SourceFixture();
        var source = fixture.Source("collection", o => o.MaxAwaitTimeMs = 0);

        source.Open(StartPosition.Now("test"));
        EmulatorWrites.Insert(fixture.Writer, "shop", "orders", """{"_id": 1}""");

        Assert.Equal(["insert shop.orders 1"], SourceReader.Read(source, 1).Select(SourceReader.Describe));
    }

    [Fact]
    public void Expanded_events_are_asked_for_only_when_enabled()
    {
        Assert.True(Build(o => o.ShowExpandedEvents = true).ShowExpandedEvents);
        Assert.Null(Build(o => o.ShowExpandedEvents = false).ShowExpandedEvents);
    }

    [Fact]
    public void The_collation_document_becomes_the_drivers_collation()
    {
        var options = Build(o => o.Collation = JsonNode.Parse("""{"locale": "fr", "strength": 2, "caseLevel": true, "numericOrdering": true}""")!.AsObject());

        var collation = Assert.IsType<Collation>(options.Collation);
        Assert.Equal("fr", collation.Locale);
        Assert.Equal(CollationStrength.Secondary, collation.Strength);
        Assert.True(collation.CaseLevel);
        Assert.True(collation.NumericOrdering);
        Assert.Equal(BsonDocument.Parse("""{"locale": "fr", "caseLevel": true, "strength": 2, "numericOrdering": true}"""), collation.ToBsonDocument());
    }

    [Fact]
    public void The_comment_is_sent_as_a_string_and_an_empty_one_not_at_all()
    {
        Assert.Equal(new BsonString("orders-eu connector"), Build(o => o.Comment = "orders-eu connector").Comment);
        Assert.Null(Build(o => o.Comment = string.Empty).Comment);
    }

    [Fact]
    public void A_resumeAfter_start_sends_the_token_document_and_nothing_else()
    {
        var options = ChangeStreamOptionsFactory.Build(new MongoDbOptions(), StartKind.ResumeAfter, Token, Time);

        Assert.Equal(new BsonDocument("_data", TokenData), options.ResumeAfter);
        Assert.Null(options.StartAfter);
        Assert.Null(options.StartAtOperationTime);
    }

    [Fact]
    public void A_startAfter_start_sends_the_token_document_and_nothing_else()
    {
        var options = ChangeStreamOptionsFactory.Build(new MongoDbOptions(), StartKind.StartAfter, Token, Time);

        Assert.Equal(new BsonDocument("_data", TokenData), options.StartAfter);
        Assert.Null(options.ResumeAfter);
        Assert.Null(options.StartAtOperationTime);
    }

    [Theory]
    [InlineData("AtOperationTime")]
    [InlineData("Now")]
    public void A_time_start_sends_startAtOperationTime(string kind)
    {
        var options = ChangeStreamOptionsFactory.Build(new MongoDbOptions(), Enum.Parse<StartKind>(kind), Token, Time);

        Assert.Equal(new DriverTimestamp(1_700_000_000, 3), options.StartAtOperationTime);
        Assert.Null(options.ResumeAfter);
        Assert.Null(options.StartAfter);
    }

    [Theory]
    [InlineData(4_000_000_000u, 7u)]
    [InlineData(uint.MaxValue, uint.MaxValue)]
    [InlineData(2_147_483_648u, 2_147_483_648u)]
    public void A_time_beyond_the_signed_range_stays_exact(uint seconds, uint increment)
    {
        var options = ChangeStreamOptionsFactory.Build(new MongoDbOptions(), StartKind.AtOperationTime, null, new ConnectorTimestamp(seconds, increment));

        var time = Assert.IsType<DriverTimestamp>(options.StartAtOperationTime);
        Assert.Equal(seconds, unchecked((uint)time.Timestamp));
        Assert.Equal(increment, unchecked((uint)time.Increment));
        Assert.Equal(unchecked((long)(((ulong)seconds << 32) | increment)), time.Value);
    }

    [Theory]
    [InlineData("ResumeAfter", "A ResumeAfter start needs a resume token document.")]
    [InlineData("StartAfter", "A StartAfter start needs a resume token document.")]
    public void A_token_start_without_a_token_is_refused(string kind, string message)
    {
        var startKind = Enum.Parse<StartKind>(kind);

        var missing = Assert.Throws<ArgumentException>(() => ChangeStreamOptionsFactory.Build(new MongoDbOptions(), startKind, null, Time));
        var empty = Assert.Throws<ArgumentException>(() => ChangeStreamOptionsFactory.Build(new MongoDbOptions(), startKind, [], Time));

        Assert.StartsWith(message, missing.Message, StringComparison.Ordinal);
        Assert.Equal("token", missing.ParamName);
        Assert.StartsWith(message, empty.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AtOperationTime", "A AtOperationTime start needs an operation time.")]
    [InlineData("Now", "A Now start needs an operation time.")]
    public void A_time_start_without_a_time_is_refused(string kind, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => ChangeStreamOptionsFactory.Build(new MongoDbOptions(), Enum.Parse<StartKind>(kind), Token, null));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Equal("operationTime", error.ParamName);
    }

    [Fact]
    public void The_pipeline_holds_each_stage_as_its_document_in_order()
    {
        byte[][] stages = [Bson.Doc("""{"$match": {"ns.db": "shop"}}"""), Bson.Doc("""{"$project": {"fullDocument": 0}}""")];

        var pipeline = Assert.IsType<BsonDocumentStagePipelineDefinition<ChangeStreamDocument<BsonDocument>, RawBsonDocument>>(ChangeStreamOptionsFactory.Pipeline(stages));

        Assert.Equal(
            [BsonDocument.Parse("""{"$match": {"ns.db": "shop"}}"""), BsonDocument.Parse("""{"$project": {"fullDocument": 0}}""")],
            pipeline.Documents);
        Assert.Empty(Assert.IsType<BsonDocumentStagePipelineDefinition<ChangeStreamDocument<BsonDocument>, RawBsonDocument>>(ChangeStreamOptionsFactory.Pipeline([])).Documents);
    }

    private static ChangeStreamOptions Build(Action<MongoDbOptions> configure)
    {
        var options = new MongoDbOptions();
        configure(options);
        return ChangeStreamOptionsFactory.Build(options, StartKind.ResumeAfter, Token, null);
    }
}
