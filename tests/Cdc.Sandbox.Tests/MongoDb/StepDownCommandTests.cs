using Cdc.Sandbox.MongoDb.Documents;
using static Cdc.Sandbox.Tests.MongoDb.CommandHarness;

namespace Cdc.Sandbox.Tests.MongoDb;

public sealed class StepDownCommandTests
{
    private static Doc Insert(int id) => new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", id))));

    [Fact]
    public async Task A_stepped_down_node_is_secondary_for_the_capped_period_then_primary_with_a_greater_electionId()
    {
        var time = new ManualTimeProvider();
        var harness = new CommandHarness(time: time);
        await harness.RunOkAsync(Insert(1));
        var before = await harness.RunOkAsync(new Doc().Add("hello", 1));
        var oldElection = before["electionId"]!.Bytes;

        await harness.RunOkAsync(new Doc().Add("replSetStepDown", 60), "admin");

        var during = await harness.RunOkAsync(new Doc().Add("hello", 1));
        Assert.False(during["isWritablePrimary"]!.Boolean);
        Assert.True(during["secondary"]!.Boolean);
        Assert.Null(during["primary"]);
        Assert.Null(during["electionId"]);
        Assert.Equal(1, during["setVersion"]!.Int32);

        var again = await harness.RunAsync(new Doc().Add("replSetStepDown", 60), "admin");
        Assert.Equal(10107, again["code"]!.Int32);

        // The default cap is one second: just before it the node is still secondary, at it primary again.
        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False((await harness.RunOkAsync(new Doc().Add("hello", 1)))["isWritablePrimary"]!.Boolean);
        time.Advance(TimeSpan.FromMilliseconds(1));
        var after = await harness.RunOkAsync(new Doc().Add("hello", 1));
        Assert.True(after["isWritablePrimary"]!.Boolean);
        Assert.Equal("127.0.0.1:27017", after["primary"]!.String);
        Assert.Equal(1, after["setVersion"]!.Int32);
        var newElection = after["electionId"]!.Bytes;
        Assert.True(newElection.AsSpan().SequenceCompareTo(oldElection) > 0, "a new electionId must sort after the old one");
        Assert.Equal(2L, after["lastWrite"]!.Document["opTime"]!.Document["t"]!.Int64);
        await harness.RunOkAsync(Insert(2));
    }

    [Fact]
    public async Task While_secondary_writes_fail_NotWritablePrimary_and_primary_reads_NotPrimaryNoSecondaryOk()
    {
        var time = new ManualTimeProvider();
        var harness = new CommandHarness(time: time);
        await harness.RunOkAsync(Insert(1));
        await harness.RunOkAsync(new Doc().Add("replSetStepDown", 10).Add("force", true), "admin");

        var retryable = await harness.RunAsync(Insert(2).Add("lsid", new Doc().Add("id", 1)).Add("txnNumber", 1L));
        Assert.Equal("NotWritablePrimary", retryable["codeName"]!.String);
        Assert.Equal("not primary", retryable["errmsg"]!.String);
        Assert.Equal("RetryableWriteError", Assert.Single(retryable["errorLabels"]!.Array).String);

        var plain = await harness.RunAsync(new Doc().Add("drop", "c"));
        Assert.Equal(10107, plain["code"]!.Int32);
        Assert.Null(plain["errorLabels"]);

        Assert.Equal(13435, (await harness.RunAsync(new Doc().Add("find", "c")))["code"]!.Int32);
        await harness.RunOkAsync(new Doc().Add("find", "c").Add("$readPreference", new Doc().Add("mode", "secondaryPreferred")));
        await harness.RunOkAsync(new Doc().Add("ping", 1));
        Assert.Single(harness.Oplog(), entry => entry.Operation == Sandbox.MongoDb.Storage.OplogOperation.Insert);
    }

    [Fact]
    public async Task A_cursor_open_at_the_step_down_answers_its_next_getMore_with_InterruptedDueToReplStateChange()
    {
        var time = new ManualTimeProvider();
        var harness = new CommandHarness(time: time);
        await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 1)), D(new Doc().Add("_id", 2)))));
        var cursorId = (await harness.RunOkAsync(new Doc().Add("find", "c").Add("batchSize", 1)))["cursor"]!.Document["id"]!.Int64;
        await harness.RunOkAsync(new Doc().Add("replSetStepDown", 1), "admin");
        time.Advance(TimeSpan.FromSeconds(5));

        var interrupted = await harness.RunAsync(new Doc().Add("getMore", cursorId).Add("collection", "c"));
        Assert.Equal(11602, interrupted["code"]!.Int32);
        Assert.Equal("InterruptedDueToReplStateChange", interrupted["codeName"]!.String);
        Assert.Equal(43, (await harness.RunAsync(new Doc().Add("getMore", cursorId).Add("collection", "c")))["code"]!.Int32);
    }

    [Fact]
    public async Task ReplSetStepDown_runs_only_on_admin_and_rejects_a_catch_up_longer_than_the_period()
    {
        var harness = new CommandHarness();
        Assert.Equal(13, (await harness.RunAsync(new Doc().Add("replSetStepDown", 5)))["code"]!.Int32);
        var catchUp = await harness.RunAsync(new Doc().Add("replSetStepDown", 5).Add("secondaryCatchUpPeriodSecs", 10), "admin");
        Assert.Equal(2, catchUp["code"]!.Int32);
        Assert.Equal(14, (await harness.RunAsync(new Doc().Add("replSetStepDown", "soon"), "admin"))["code"]!.Int32);
        Assert.True((await harness.RunOkAsync(new Doc().Add("hello", 1)))["isWritablePrimary"]!.Boolean);
    }

    [Fact]
    public async Task ReplSetFreeze_0_ends_a_step_down_at_once_with_a_new_greater_electionId()
    {
        var time = new ManualTimeProvider();
        var harness = new CommandHarness(time: time);
        var oldElection = (await harness.RunOkAsync(new Doc().Add("hello", 1)))["electionId"]!.Bytes;
        await harness.RunOkAsync(new Doc().Add("replSetStepDown", 60), "admin");
        Assert.False((await harness.RunOkAsync(new Doc().Add("hello", 1)))["isWritablePrimary"]!.Boolean);

        // No time passes: the node is primary again because it was unfrozen, not because the period ran out.
        var unfrozen = await harness.RunOkAsync(new Doc().Add("replSetFreeze", 0), "admin");

        Assert.Equal("unfreezing", unfrozen["info"]!.String);
        var after = await harness.RunOkAsync(new Doc().Add("hello", 1));
        Assert.True(after["isWritablePrimary"]!.Boolean);
        Assert.True(after["electionId"]!.Bytes.AsSpan().SequenceCompareTo(oldElection) > 0, "a new electionId must sort after the old one");
        await harness.RunOkAsync(Insert(1));
    }

    [Fact]
    public async Task ReplSetFreeze_for_seconds_keeps_a_stepped_down_node_secondary_at_least_that_long_capped_like_a_step_down()
    {
        var time = new ManualTimeProvider();
        var harness = new CommandHarness(time: time);
        await harness.RunOkAsync(new Doc().Add("replSetStepDown", 60), "admin"); // secondary for the 1 s cap
        time.Advance(TimeSpan.FromMilliseconds(500));

        var frozen = await harness.RunOkAsync(new Doc().Add("replSetFreeze", 10), "admin"); // until 0.5 s + the 1 s cap
        Assert.Null(frozen["info"]);

        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False((await harness.RunOkAsync(new Doc().Add("hello", 1)))["isWritablePrimary"]!.Boolean);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True((await harness.RunOkAsync(new Doc().Add("hello", 1)))["isWritablePrimary"]!.Boolean);
    }

    [Fact]
    public async Task ReplSetFreeze_is_refused_by_the_primary_outside_admin_and_for_a_value_that_is_not_seconds()
    {
        var harness = new CommandHarness();

        var onPrimary = await harness.RunAsync(new Doc().Add("replSetFreeze", 0), "admin");
        Assert.Equal((95, "NotSecondary"), (onPrimary["code"]!.Int32, onPrimary["codeName"]!.String));
        Assert.Equal("cannot freeze node when primary or running for election. state: Primary", onPrimary["errmsg"]!.String);
        Assert.Equal(13, (await harness.RunAsync(new Doc().Add("replSetFreeze", 0)))["code"]!.Int32);
        Assert.Equal(14, (await harness.RunAsync(new Doc().Add("replSetFreeze", "now"), "admin"))["code"]!.Int32);
        Assert.Equal(2, (await harness.RunAsync(new Doc().Add("replSetFreeze", -1), "admin"))["code"]!.Int32);
        Assert.True((await harness.RunOkAsync(new Doc().Add("hello", 1)))["isWritablePrimary"]!.Boolean);
    }
}
