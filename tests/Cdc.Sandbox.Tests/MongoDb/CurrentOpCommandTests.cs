using System.Diagnostics;
using Cdc.Sandbox.MongoDb.Documents;
using static Cdc.Sandbox.Tests.MongoDb.ChangeStreamHarness;
using static Cdc.Sandbox.Tests.MongoDb.CommandHarness;

namespace Cdc.Sandbox.Tests.MongoDb;

/// <summary>
/// collation and comment on a change stream's aggregate, and $currentOp on admin reporting each open cursor with the
/// command that opened it, as mongod does: what a test on a real server reads to see what a driver sent.
/// </summary>
public sealed class CurrentOpCommandTests
{
    private static Doc French => new Doc().Add("locale", "fr").Add("strength", 2);

    [Fact]
    public async Task An_idle_change_stream_is_reported_with_its_aggregate_as_received_including_collation_and_comment()
    {
        var harness = new CommandHarness();
        var open = Aggregate(S("c"), new Doc().Add("showExpandedEvents", true))
            .Add("collation", French)
            .Add("comment", new Doc().Add("pipeline", "orders").Add("n", 7));
        var reply = await harness.RunOkAsync(open);
        var id = reply["cursor"]!.Document["id"]!.Int64;

        var report = await CurrentOpAsync(harness, new Doc().Add("idleCursors", true), new Doc().Add("cursor.cursorId", id));

        var idle = Assert.Single(report);
        Assert.Equal(["type", "host", "ns", "cursor"], Keys(idle));
        Assert.Equal("idleCursor", idle["type"]!.String);
        Assert.Equal("test.c", idle["ns"]!.String);
        var cursor = idle["cursor"]!.Document;
        Assert.Equal(
            ["cursorId", "createdDate", "lastAccessDate", "nDocsReturned", "nBatchesReturned", "noCursorTimeout", "tailable", "awaitData", "originatingCommand"],
            Keys(cursor));
        Assert.True(cursor["tailable"]!.Boolean && cursor["awaitData"]!.Boolean);
        Assert.Equal(1L, cursor["nBatchesReturned"]!.Int64);
        var originating = cursor["originatingCommand"]!.Document;
        Assert.Equal(["aggregate", "pipeline", "cursor", "collation", "comment", "$db"], Keys(originating));
        Assert.Equal("{ locale: \"fr\", strength: 2 }", originating["collation"]!.ToString());
        Assert.Equal("{ pipeline: \"orders\", n: 7 }", originating["comment"]!.ToString());
        Assert.Equal("test", originating["$db"]!.String);
        Assert.True(originating["pipeline"]!.Array.Single().Document["$changeStream"]!.Document["showExpandedEvents"]!.Boolean);
    }

    [Fact]
    public async Task CurrentOp_counts_the_batches_and_documents_a_cursor_returned()
    {
        var harness = new CommandHarness();
        var stream = await OpenAsync(harness, new Doc());
        await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 1)), D(new Doc().Add("_id", 2)))));
        var (events, _) = await GetMoreAsync(harness, stream);
        Assert.Equal(2, events.Count);

        var cursor = Assert.Single(await CurrentOpAsync(harness, new Doc().Add("idleCursors", true), new Doc().Add("cursor.cursorId", stream.Id)))["cursor"]!.Document;

        Assert.Equal(2L, cursor["nDocsReturned"]!.Int64);
        Assert.Equal(2L, cursor["nBatchesReturned"]!.Int64);
    }

    [Fact]
    public async Task A_getMore_waiting_for_events_is_an_active_operation_and_idle_cursors_only_show_when_asked()
    {
        var harness = new CommandHarness();
        var stream = await OpenAsync(harness, new Doc());
        await harness.RunOkAsync(Aggregate(S("c"), new Doc()).Add("comment", "idle"));

        // Without idleCursors only active operations are reported: the $currentOp aggregate itself.
        var active = await CurrentOpAsync(harness, new Doc());
        var self = Assert.Single(active);
        Assert.Equal("op", self["type"]!.String);
        Assert.Equal("command", self["op"]!.String);
        Assert.Equal("admin.$cmd.aggregate", self["ns"]!.String);
        Assert.Equal("$currentOp", self["command"]!.Document["pipeline"]!.Array[0].Document.Fields[0].Key);

        var waiting = harness.RunAsync(new Doc().Add("getMore", stream.Id).Add("collection", "c").Add("maxTimeMS", 60_000).Add("comment", "waiting"), connectionId: 9);
        var getMore = await WaitForAsync(harness, new Doc().Add("op", "getmore"));
        Assert.Equal("test.c", getMore["ns"]!.String);
        Assert.Equal(9, getMore["connectionId"]!.Int32);
        Assert.Equal("waiting", getMore["command"]!.Document["comment"]!.String);
        Assert.Equal(stream.Id, getMore["cursor"]!.Document["cursorId"]!.Int64);
        Assert.Equal("aggregate", getMore["cursor"]!.Document["originatingCommand"]!.Document.Fields[0].Key);

        // The other stream is idle: reported only with idleCursors: true.
        Assert.Empty(await CurrentOpAsync(harness, new Doc(), new Doc().Add("cursor.originatingCommand.comment", "idle")));
        Assert.Single(await CurrentOpAsync(harness, new Doc().Add("idleCursors", true), new Doc().Add("cursor.originatingCommand.comment", "idle")));

        await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 1)))));
        var released = await waiting;
        Assert.Single(released["cursor"]!.Document["nextBatch"]!.Array);
        Assert.Empty(await CurrentOpAsync(harness, new Doc(), new Doc().Add("op", "getmore")));
    }

    [Fact]
    public async Task CurrentOp_runs_only_first_on_admin_with_aggregate_1_and_checks_its_options()
    {
        var harness = new CommandHarness();
        static Doc Stage(Doc options) => new Doc().Add("$currentOp", options);
        static Doc Command(DocValue target, params Doc[] stages) =>
            new Doc().Add("aggregate", target).Add("pipeline", DocValue.FromArray([.. stages.Select(DocValue.FromDocument)])).Add("cursor", new Doc());

        var elsewhere = await harness.RunAsync(Command(I(1), Stage(new Doc())), "test");
        Assert.Equal(73, elsewhere["code"]!.Int32);
        Assert.Equal("$currentOp must be run against the 'admin' database with {aggregate: 1}", elsewhere["errmsg"]!.String);
        Assert.Equal(73, (await harness.RunAsync(Command(S("c"), Stage(new Doc())), "admin"))["code"]!.Int32);
        var unknown = await harness.RunAsync(Command(I(1), Stage(new Doc().Add("everything", true))), "admin");
        Assert.Equal(9, unknown["code"]!.Int32);
        Assert.Equal("Unrecognized option 'everything' in $currentOp stage.", unknown["errmsg"]!.String);
        Assert.Equal(9, (await harness.RunAsync(Command(I(1), Stage(new Doc().Add("idleCursors", 1))), "admin"))["code"]!.Int32);
        var second = await harness.RunAsync(Command(I(1), new Doc().Add("$match", new Doc()), Stage(new Doc())), "admin");
        Assert.Equal(40602, second["code"]!.Int32);
        Assert.Equal("$currentOp is only valid as the first stage in a pipeline.", second["errmsg"]!.String);
    }

    [Theory]
    [InlineData("comment-as-text")]
    [InlineData(42)]
    [InlineData(true)]
    public async Task A_change_stream_takes_a_comment_of_any_type(object comment)
    {
        var harness = new CommandHarness();
        var value = comment switch
        {
            string text => S(text),
            int number => I(number),
            _ => DocValue.FromBoolean((bool)comment),
        };

        var reply = await harness.RunOkAsync(Aggregate(S("c"), new Doc()).Add("comment", value));
        var id = reply["cursor"]!.Document["id"]!.Int64;
        var cursor = Assert.Single(await CurrentOpAsync(harness, new Doc().Add("idleCursors", true), new Doc().Add("cursor.cursorId", id)))["cursor"]!.Document;

        Assert.Equal(value.ToString(), cursor["originatingCommand"]!.Document["comment"]!.ToString());
    }

    [Fact]
    public async Task A_malformed_collation_is_refused_as_mongod_refuses_it()
    {
        var harness = new CommandHarness();
        async Task<(int Code, string Message)> Open(DocValue collation)
        {
            var reply = await harness.RunAsync(Aggregate(S("c"), new Doc()).Add("collation", collation));
            Assert.Equal(0.0, reply["ok"]!.Double);
            return (reply["code"]!.Int32, reply["errmsg"]!.String);
        }

        Assert.Equal((14, "BSON field 'aggregate.collation' is the wrong type 'string', expected type 'object'"), await Open(S("fr")));
        Assert.Equal(40414, (await Open(D(new Doc().Add("strength", 2)))).Code);
        Assert.Equal(40415, (await Open(D(new Doc().Add("locale", "fr").Add("strenght", 2)))).Code);
        Assert.Equal(2, (await Open(D(new Doc().Add("locale", "fr").Add("strength", 6)))).Code);
        Assert.Equal(14, (await Open(D(new Doc().Add("locale", "fr").Add("numericOrdering", "yes")))).Code);
        Assert.Equal(2, (await Open(D(new Doc().Add("locale", "fr").Add("caseFirst", "first")))).Code);
        Assert.Equal(2, (await Open(D(new Doc().Add("locale", "not a locale")))).Code);

        await harness.RunOkAsync(Aggregate(S("c"), new Doc()).Add("collation", new Doc().Add("locale", "simple")));
        await harness.RunOkAsync(Aggregate(S("c"), new Doc()).Add("collation", new Doc().Add("locale", "en_US").Add("caseLevel", true).Add("caseFirst", "upper")
            .Add("strength", 3.0).Add("numericOrdering", true).Add("alternate", "shifted").Add("maxVariable", "space").Add("backwards", false)));
    }

    [Fact]
    public async Task A_collation_is_recorded_but_the_sandbox_still_compares_strings_by_their_bytes()
    {
        // docs/sandbox.md: a real server would match "Paris" too under a strength 2 (case-insensitive) collation.
        var harness = new CommandHarness();
        var open = Aggregate(S("c"), new Doc(), new Doc().Add("$match", new Doc().Add("fullDocument.city", "paris"))).Add("collation", French);
        var stream = (Id: (await harness.RunOkAsync(open))["cursor"]!.Document["id"]!.Int64, Ns: "test.c");
        await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 1).Add("city", "Paris")), D(new Doc().Add("_id", 2).Add("city", "paris")))));

        var (events, _) = await GetMoreAsync(harness, stream);

        Assert.Equal([2], events.Select(change => change["documentKey"]!.Document["_id"]!.Int32));
    }

    private static async Task<List<Doc>> CurrentOpAsync(CommandHarness harness, Doc options, Doc? match = null)
    {
        var pipeline = new List<DocValue> { D(new Doc().Add("$currentOp", options)) };
        if (match is not null)
        {
            pipeline.Add(D(new Doc().Add("$match", match)));
        }

        var reply = await harness.RunOkAsync(new Doc().Add("aggregate", 1).Add("pipeline", DocValue.FromArray(pipeline)).Add("cursor", new Doc()), "admin");
        var cursor = reply["cursor"]!.Document;
        Assert.Equal("admin.$cmd.aggregate", cursor["ns"]!.String);
        return cursor["firstBatch"]!.Array.ConvertAll(item => item.IsDocument && !item.HasRawBson ? item.Document : DocCodec.Read(item.Bytes));
    }

    /// <summary>The first operation matching <paramref name="match"/>, polled until it shows (a generous deadline, no timing assertion).</summary>
    private static async Task<Doc> WaitForAsync(CommandHarness harness, Doc match)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            if ((await CurrentOpAsync(harness, new Doc(), match)).FirstOrDefault() is { } found)
            {
                return found;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"No operation matching {match} was reported within 30 s.");
    }
}
