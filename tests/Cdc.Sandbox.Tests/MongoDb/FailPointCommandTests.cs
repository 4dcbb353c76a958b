using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.FailPoints;
using Cdc.Sandbox.MongoDb.Storage;
using static Cdc.Sandbox.Tests.MongoDb.CommandHarness;

namespace Cdc.Sandbox.Tests.MongoDb;

public sealed class FailPointCommandTests
{
    private static Doc FailCommand(DocValue mode, Doc data) =>
        new Doc().Add("configureFailPoint", "failCommand").Add("mode", mode).Add("data", data);

    private static Doc Find() => new Doc().Add("find", "c");

    [Fact]
    public async Task AlwaysOn_fails_each_listed_command_with_the_code_its_name_and_the_configured_labels()
    {
        var harness = new CommandHarness();
        var configured = await harness.RunOkAsync(FailCommand(S("alwaysOn"), new Doc()
            .Add("failCommands", Array(S("find"))).Add("errorCode", 91).Add("errorLabels", Array(S("ResumableChangeStreamError")))), "admin");
        Assert.Equal(0L, configured["count"]!.Int64);

        for (var i = 0; i < 2; i++)
        {
            var reply = await harness.RunAsync(Find());
            Assert.Equal(0.0, reply["ok"]!.Double);
            Assert.Equal(91, reply["code"]!.Int32);
            Assert.Equal("ShutdownInProgress", reply["codeName"]!.String);
            Assert.Equal("Failing command via 'failCommand' failpoint", reply["errmsg"]!.String);
            Assert.Equal("ResumableChangeStreamError", Assert.Single(reply["errorLabels"]!.Array).String);
        }

        await harness.RunOkAsync(new Doc().Add("ping", 1));
        var off = await harness.RunOkAsync(new Doc().Add("configureFailPoint", "failCommand").Add("mode", "off"), "admin");
        Assert.Equal(2L, off["count"]!.Int64);
        await harness.RunOkAsync(Find());
    }

    [Fact]
    public async Task Times_fails_only_that_many_matching_commands_and_skip_lets_the_first_ones_through()
    {
        var harness = new CommandHarness();
        await harness.RunOkAsync(FailCommand(D(new Doc().Add("times", 2)), new Doc().Add("failCommands", Array(S("find"))).Add("errorCode", 2)), "admin");
        await harness.RunOkAsync(new Doc().Add("ping", 1));
        Assert.Equal(2, (await harness.RunAsync(Find()))["code"]!.Int32);
        Assert.Equal(2, (await harness.RunAsync(Find()))["code"]!.Int32);
        await harness.RunOkAsync(Find());

        await harness.RunOkAsync(FailCommand(D(new Doc().Add("skip", 1)), new Doc().Add("failCommands", Array(S("find"))).Add("errorCode", 2)), "admin");
        await harness.RunOkAsync(Find());
        Assert.Equal(2, (await harness.RunAsync(Find()))["code"]!.Int32);
        Assert.Equal(2, (await harness.RunAsync(Find()))["code"]!.Int32);
    }

    [Fact]
    public async Task AppName_limits_the_fail_point_to_connections_whose_handshake_named_that_application()
    {
        var harness = new CommandHarness();
        await harness.RunOkAsync(new Doc().Add("hello", 1).Add("client", new Doc().Add("application", new Doc().Add("name", "victim"))), connectionId: 7);
        await harness.RunOkAsync(FailCommand(S("alwaysOn"), new Doc().Add("failCommands", Array(S("find"))).Add("errorCode", 2).Add("appName", "victim")), "admin");
        await harness.RunOkAsync(Find(), connectionId: 8);
        Assert.Equal(2, (await harness.RunAsync(Find(), connectionId: 7))["code"]!.Int32);
    }

    [Fact]
    public async Task A_retryable_write_failing_with_a_retryable_code_is_labelled_RetryableWriteError_when_no_labels_are_configured()
    {
        var harness = new CommandHarness();
        await harness.RunOkAsync(FailCommand(S("alwaysOn"), new Doc().Add("failCommands", Array(S("insert"))).Add("errorCode", 10107)), "admin");
        var retryable = await harness.RunAsync(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 1))))
            .Add("lsid", new Doc().Add("id", 1)).Add("txnNumber", 1L));
        Assert.Equal("NotWritablePrimary", retryable["codeName"]!.String);
        Assert.Equal("RetryableWriteError", Assert.Single(retryable["errorLabels"]!.Array).String);

        var plain = await harness.RunAsync(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 1)))));
        Assert.Equal(10107, plain["code"]!.Int32);
        Assert.Null(plain["errorLabels"]);
        Assert.Empty(harness.Oplog());
    }

    [Fact]
    public async Task CloseConnection_asks_the_connection_to_close_without_a_reply_and_the_command_does_not_run()
    {
        var harness = new CommandHarness();
        await harness.RunOkAsync(FailCommand(D(new Doc().Add("times", 1)), new Doc().Add("failCommands", Array(S("insert"))).Add("closeConnection", true)), "admin");
        await Assert.ThrowsAsync<ConnectionCloseRequestedException>(() => harness.RunAsync(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 1))))));
        Assert.Empty(harness.Oplog());
        await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 1)))));
    }

    [Fact]
    public async Task BlockConnection_delays_the_command_then_runs_it_and_writeConcernError_is_added_to_its_reply()
    {
        var harness = new CommandHarness();
        await harness.RunOkAsync(FailCommand(D(new Doc().Add("times", 1)), new Doc().Add("failCommands", Array(S("insert")))
            .Add("blockConnection", true).Add("blockTimeMS", 200)
            .Add("writeConcernError", new Doc().Add("code", 91).Add("errmsg", "shutting down"))), "admin");
        var started = System.Diagnostics.Stopwatch.StartNew();
        var reply = await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 1)))));
        Assert.True(started.ElapsedMilliseconds >= 180, $"blocked only {started.ElapsedMilliseconds} ms");
        Assert.Equal(1, reply["n"]!.Int32);
        Assert.Equal(91, reply["writeConcernError"]!.Document["code"]!.Int32);
        Assert.Single(harness.Oplog(), entry => entry.Operation == OplogOperation.Insert);
    }

    [Fact]
    public async Task Bad_configurations_fail_as_mongod_does()
    {
        var harness = new CommandHarness();
        var unknown = await harness.RunAsync(new Doc().Add("configureFailPoint", "noSuchFailPoint").Add("mode", "alwaysOn"), "admin");
        Assert.Equal(266, unknown["code"]!.Int32);
        Assert.Equal("FailPointSetFailed", unknown["codeName"]!.String);
        Assert.Equal("noSuchFailPoint not found", unknown["errmsg"]!.String);

        var notAdmin = await harness.RunAsync(FailCommand(S("alwaysOn"), new Doc().Add("failCommands", Array(S("find"))).Add("errorCode", 2)));
        Assert.Equal(13, notAdmin["code"]!.Int32);

        var badMode = await harness.RunAsync(FailCommand(S("sometimes"), new Doc().Add("failCommands", Array(S("find")))), "admin");
        Assert.Contains("sometimes", badMode["errmsg"]!.String, StringComparison.Ordinal);

        var noList = await harness.RunAsync(FailCommand(S("alwaysOn"), new Doc().Add("errorCode", 2)), "admin");
        Assert.Contains("failCommands", noList["errmsg"]!.String, StringComparison.Ordinal);

        var blockWithoutTime = await harness.RunAsync(FailCommand(S("alwaysOn"), new Doc().Add("failCommands", Array(S("find"))).Add("blockConnection", true)), "admin");
        Assert.Contains("blockTimeMS", blockWithoutTime["errmsg"]!.String, StringComparison.Ordinal);
        await harness.RunOkAsync(Find());
    }

    [Fact]
    public async Task FailGetMoreAfterCursorCheckout_fails_the_getMore_and_kills_the_cursor()
    {
        var harness = new CommandHarness();
        await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(D(new Doc().Add("_id", 1)), D(new Doc().Add("_id", 2)), D(new Doc().Add("_id", 3)))));
        var found = await harness.RunOkAsync(new Doc().Add("find", "c").Add("batchSize", 1));
        var cursorId = found["cursor"]!.Document["id"]!.Int64;
        await harness.RunOkAsync(new Doc().Add("configureFailPoint", "failGetMoreAfterCursorCheckout").Add("mode", D(new Doc().Add("times", 1)))
            .Add("data", new Doc().Add("errorCode", 11602)), "admin");

        var failed = await harness.RunAsync(new Doc().Add("getMore", cursorId).Add("collection", "c"));
        Assert.Equal(11602, failed["code"]!.Int32);
        Assert.Equal("InterruptedDueToReplStateChange", failed["codeName"]!.String);
        Assert.Null(failed["errorLabels"]);

        var after = await harness.RunAsync(new Doc().Add("getMore", cursorId).Add("collection", "c"));
        Assert.Equal(43, after["code"]!.Int32);
        Assert.Equal(0, harness.State.Cursors.Count);
    }
}
