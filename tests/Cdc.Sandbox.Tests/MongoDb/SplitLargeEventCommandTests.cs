using Cdc.Sandbox.MongoDb.ChangeStreams;
using Cdc.Sandbox.MongoDb.Documents;
using static Cdc.Sandbox.Tests.MongoDb.ChangeStreamHarness;
using static Cdc.Sandbox.Tests.MongoDb.CommandHarness;

namespace Cdc.Sandbox.Tests.MongoDb;

/// <summary>
/// Events over 16 MiB through aggregate/getMore: an insert of a 9 MiB document whose event a $addFields doubles to
/// about 18 MiB, so one document (and its copies in the oplog and the event) bounds the memory.
/// </summary>
public sealed class SplitLargeEventCommandTests
{
    private const int NineMiB = 9 * 1024 * 1024;

    private static readonly Doc CopyFullDocument = new Doc().Add("$addFields", new Doc().Add("copy", "$fullDocument"));

    private static readonly Doc Split = new Doc().Add("$changeStreamSplitLargeEvent", new Doc());

    [Fact]
    public async Task Without_the_split_stage_an_event_over_16_MiB_fails_the_getMore_with_BSONObjectTooLarge()
    {
        var harness = new CommandHarness();
        var stream = await OpenAsync(harness, new Doc(), laterStages: CopyFullDocument);
        await InsertLargeAsync(harness);

        var reply = await harness.RunAsync(new Doc().Add("getMore", stream.Id).Add("collection", "c").Add("maxTimeMS", 50));
        Assert.Equal(10334, reply["code"]!.Int32);
        Assert.Equal("BSONObjectTooLarge", reply["codeName"]!.String);
        Assert.StartsWith("BSONObj size: ", reply["errmsg"]!.String, StringComparison.Ordinal);
        Assert.Contains("is invalid. Size must be between 0 and 16793600(16MB) First element: _id: { _data: \"", reply["errmsg"]!.String, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_event_just_over_16_MiB_comes_whole_as_a_server_allows_BSON_objects_16_KiB_more(bool withSplitStage)
    {
        // 8 MiB twice plus the event's other fields: a few hundred bytes over 16 MiB, well under 16 MiB + 8 KiB.
        var harness = new CommandHarness();
        var stream = await OpenAsync(harness, new Doc(), laterStages: withSplitStage ? [CopyFullDocument, Split] : [CopyFullDocument]);
        await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 1).Add("big", new string('x', 8 * 1024 * 1024))))));

        var (events, _) = await GetMoreAsync(harness, stream);
        var change = Assert.Single(events);
        Assert.False(change.Contains("splitEvent"));
        Assert.InRange(DocCodec.Write(change).Length, (16 * 1024 * 1024) + 1, (16 * 1024 * 1024) + 1024);
    }

    [Fact]
    public async Task Fragments_hold_the_smallest_fields_first_and_each_goes_in_its_own_batch_under_16_MiB()
    {
        var harness = new CommandHarness();
        var stream = await OpenAsync(harness, new Doc(), laterStages: [CopyFullDocument, Split]);
        await InsertLargeAsync(harness);

        var (first, firstCursor) = await GetMoreAsync(harness, stream);
        var (second, secondCursor) = await GetMoreAsync(harness, stream);

        var one = Assert.Single(first);
        var two = Assert.Single(second);
        Assert.Equal(["_id", "splitEvent", "wallTime", "clusterTime", "operationType", "documentKey", "ns", "copy"], Keys(one));
        Assert.Equal(["_id", "splitEvent", "fullDocument"], Keys(two));
        Assert.Equal("{ fragment: 1, of: 2 }", one["splitEvent"]!.ToString());
        Assert.Equal("{ fragment: 2, of: 2 }", two["splitEvent"]!.ToString());

        // The batch that stopped between fragments ends at the first fragment's token, so a resume there loses nothing.
        var firstToken = Token(one);
        Assert.Equal(1, firstToken.Fragment);
        Assert.Equal(one["_id"]!.ToString(), firstCursor["postBatchResumeToken"]!.ToString());
        Assert.Equal(2, Token(two).Fragment);
        Assert.Equal(firstToken.Sequence, Token(two).Sequence);
        Assert.True(string.CompareOrdinal(Hex(two), secondCursor["postBatchResumeToken"]!.Document["_data"]!.String) <= 0);
    }

    [Fact]
    public async Task Resuming_after_a_fragment_delivers_the_fragments_after_it()
    {
        var harness = new CommandHarness();
        var stream = await OpenAsync(harness, new Doc(), laterStages: [CopyFullDocument, Split]);
        await InsertLargeAsync(harness);
        var (first, _) = await GetMoreAsync(harness, stream);

        var resumed = await harness.RunOkAsync(Aggregate(S("c"), new Doc().Add("resumeAfter", first[0]["_id"]!.Clone()), CopyFullDocument, Split));
        var batch = resumed["cursor"]!.Document["firstBatch"]!.Array.ConvertAll(item => DocCodec.Read(item.Bytes));
        var rest = Assert.Single(batch);
        Assert.Equal("{ fragment: 2, of: 2 }", rest["splitEvent"]!.ToString());
    }

    [Fact]
    public async Task Resuming_after_a_fragment_with_a_pipeline_that_splits_the_event_differently_fails_with_280()
    {
        var harness = new CommandHarness();
        var stream = await OpenAsync(harness, new Doc(), laterStages: [CopyFullDocument, Split]);
        await InsertLargeAsync(harness);
        var (first, _) = await GetMoreAsync(harness, stream);

        // A second copy makes three fragments of what was two: the stream cannot find the point it is asked to resume at.
        var twoCopies = new Doc().Add("$addFields", new Doc().Add("copy", "$fullDocument").Add("copy2", "$fullDocument"));
        var resumed = await harness.RunAsync(Aggregate(S("c"), new Doc().Add("resumeAfter", first[0]["_id"]!.Clone()), twoCopies, Split));
        Assert.Equal(280, resumed["code"]!.Int32);
        Assert.StartsWith("Attempted to resume from a split event, but the resumed stream produced a different split.", resumed["errmsg"]!.String, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_single_top_level_field_over_the_fragment_limit_cannot_be_split()
    {
        var harness = new CommandHarness();
        var pair = new Doc().Add("$addFields", new Doc().Add("pair", new Doc().Add("x", "$fullDocument").Add("y", "$fullDocument")));
        var stream = await OpenAsync(harness, new Doc(), laterStages: [pair, Split]);
        await InsertLargeAsync(harness);

        var reply = await harness.RunAsync(new Doc().Add("getMore", stream.Id).Add("collection", "c").Add("maxTimeMS", 50));
        Assert.Equal(10334, reply["code"]!.Int32);
        Assert.Contains("'pair'", reply["errmsg"]!.String, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_split_stage_must_be_last_and_take_an_empty_object()
    {
        var harness = new CommandHarness();
        var notLast = await harness.RunAsync(Aggregate(S("c"), new Doc(), Split, new Doc().Add("$match", new Doc())));
        Assert.Equal(7182802, notLast["code"]!.Int32);
        Assert.Equal("$changeStreamSplitLargeEvent must be the last stage in the pipeline", notLast["errmsg"]!.String);

        var withSpec = await harness.RunAsync(Aggregate(S("c"), new Doc(), new Doc().Add("$changeStreamSplitLargeEvent", new Doc().Add("x", 1))));
        Assert.Equal(7182800, withSpec["code"]!.Int32);
        Assert.Equal("$changeStreamSplitLargeEvent spec should be an empty object", withSpec["errmsg"]!.String);
    }

    private static Task<Doc> InsertLargeAsync(CommandHarness harness) =>
        harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 1).Add("big", new string('x', NineMiB))))));

    private static string Hex(Doc fragment) => fragment["_id"]!.Document["_data"]!.String;

    private static ResumeToken Token(Doc fragment)
    {
        Assert.True(ResumeToken.TryParseHex(Hex(fragment), out var token, out var problem), problem);
        return token;
    }
}
