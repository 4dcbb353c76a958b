using Cdc.Cli.Check;
using Cdc.Connector.Configuration;
using Cdc.Connector.MongoDb;
using Cdc.Connector.Source;
using Cdc.Connector.Tests.Configuration;
using Cdc.Connector.Tests.MongoDb;
using MongoDB.Bson;

namespace Cdc.Connector.Tests.Check;

public sealed class MongoRulesTests
{
    [Fact]
    public void A_replica_set_member_hello_names_the_set()
    {
        var hello = ServerHello.From(BsonDocument.Parse("""{"setName": "rs0", "isWritablePrimary": true, "me": "db1:27017", "maxWireVersion": 17, "ok": 1}"""));

        Assert.True(hello.SupportsChangeStreams);
        Assert.Equal("replica set 'rs0'", hello.Topology);
        Assert.Equal("db1:27017", hello.Me);
        Assert.True(hello.IsWritablePrimary);
        Assert.Equal(17, hello.MaxWireVersion);
    }

    [Fact]
    public void A_mongos_is_told_by_msg_isdbgrid()
    {
        var hello = ServerHello.From(BsonDocument.Parse("""{"ismaster": true, "msg": "isdbgrid", "maxWireVersion": 17, "ok": 1}"""));

        Assert.True(hello.SupportsChangeStreams);
        Assert.Equal("mongos (sharded cluster)", hello.Topology);
    }

    [Fact]
    public void A_standalone_cannot_run_change_streams()
    {
        var hello = ServerHello.From(BsonDocument.Parse("""{"isWritablePrimary": true, "maxWireVersion": 17, "ok": 1}"""));

        Assert.False(hello.SupportsChangeStreams);
        Assert.Equal("standalone server", hello.Topology);
    }

    [Theory]
    [InlineData("7.0.2", "collection", "default", "off", "reopen", "PASS", "MongoDB 7.0.2")]
    [InlineData("3.4.0", "collection", "default", "off", "reopen", "FAIL", "MongoDB 3.4.0 has no change streams")]
    [InlineData("3.6.8", "database", "default", "off", "reopen", "FAIL", "cannot watch a whole database (needs 4.0)")]
    [InlineData("5.0.1", "collection", "default", "whenAvailable", "reopen", "FAIL", "does not support mongodb.fullDocumentBeforeChange=whenAvailable (needs 6.0)")]
    [InlineData("5.0.1", "collection", "required", "off", "reopen", "FAIL", "does not support mongodb.fullDocument=required (needs 6.0)")]
    [InlineData("4.0.3", "collection", "default", "off", "reopen", "WARN", "cannot reopen a stream after an invalidate (startAfter needs 4.2)")]
    [InlineData("4.0.3", "collection", "default", "off", "stop", "PASS", "MongoDB 4.0.3")]
    [InlineData("6.0.9-cdc-sandbox", "cluster", "updateLookup", "required", "reopen", "PASS", "MongoDB 6.0.9-cdc-sandbox")]
    [InlineData("5.0.1", "database", "updateLookup", "off", "reopen", "PASS", "MongoDB 5.0.1")]
    [InlineData("unknown", "cluster", "default", "off", "reopen", "WARN", "the server reports version 'unknown'")]
    public void The_server_version_is_judged_against_what_the_configured_stream_needs(
        string version, string scope, string fullDocument, string beforeChange, string onInvalidate, string status, string detail)
    {
        var options = new MongoDbOptions
        {
            Scope = Enum.Parse<WatchScope>(scope, ignoreCase: true),
            FullDocument = Load.FromSets($"mongodb.fullDocument={fullDocument}").MongoDb.FullDocument,
            FullDocumentBeforeChange = Load.FromSets($"mongodb.fullDocumentBeforeChange={beforeChange}").MongoDb.FullDocumentBeforeChange,
            OnInvalidate = Enum.Parse<InvalidateAction>(onInvalidate, ignoreCase: true),
        };

        var result = MongoVersionRules.Evaluate(version, options);

        Assert.Equal(status, CheckReport.StatusText(result.Status));
        Assert.Contains(detail, result.Detail, StringComparison.Ordinal);
        Assert.Equal(result.Status != CheckStatus.Pass, result.Fix is not null);
    }

    [Theory]
    [InlineData("5.0.14", true, "FAIL", "MongoDB 5.0.14 does not support mongodb.showExpandedEvents=true (needs 6.0)")]
    [InlineData("4.4.0", true, "FAIL", "MongoDB 4.4.0 does not support mongodb.showExpandedEvents=true (needs 6.0)")]
    [InlineData("6.0.0", true, "PASS", "MongoDB 6.0.0")]
    [InlineData("8.0.4", true, "PASS", "MongoDB 8.0.4")]
    [InlineData("5.0.14", false, "PASS", "MongoDB 5.0.14")]
    public void Expanded_events_need_MongoDB_6(string version, bool expanded, string status, string detail)
    {
        var options = new MongoDbOptions { ShowExpandedEvents = expanded };

        var result = MongoVersionRules.Evaluate(version, options);

        Assert.Equal(status, CheckReport.StatusText(result.Status));
        Assert.Equal(detail, result.Detail);
        Assert.Equal(result.Status == CheckStatus.Pass ? null : "upgrade to MongoDB 6.0 or later, or remove that setting", result.Fix);
    }

    [Fact]
    public void Unauthorized_names_the_changeStream_and_find_actions_on_the_scope_resource()
    {
        var error = DriverErrors.Server(13, "Unauthorized");

        Assert.Equal(
            "grant the connector's user the changeStream and find actions on {db: \"shop\", collection: \"orders\"} (the built-in read role on database shop has both)",
            MongoFailureAdvice.Fix(error, WatchTarget.From(new MongoDbOptions { Scope = WatchScope.Collection, Database = "shop", Collection = "orders" }), Removal));
        Assert.Contains("{db: \"\", collection: \"\"} (every database)",
            MongoFailureAdvice.Fix(error, WatchTarget.From(new MongoDbOptions()), Removal), StringComparison.Ordinal);
        Assert.Contains("{db: \"shop\", collection: \"\"}",
            MongoFailureAdvice.Fix(error, WatchTarget.From(new MongoDbOptions { Scope = WatchScope.Database, Database = "shop" }), Removal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(40573, "change streams need a replica set")]
    [InlineData(47, "changeStreamPreAndPostImages")]
    [InlineData(40324, "correct mongodb.pipeline")]
    [InlineData(18, "user name, password and authSource")]
    [InlineData(286, "set mongodb.onHistoryLost=restartFromNow")]
    [InlineData(260, "check that mongodb.uri, mongodb.scope and pipeline.name are those that saved it")]
    [InlineData(91, "that the server is up")]
    public void Change_stream_failures_get_the_fix_their_code_calls_for(int code, string fix)
    {
        var error = DriverErrors.Server(code, "Injected");

        Assert.Contains(fix, MongoFailureAdvice.Fix(error, WatchTarget.From(new MongoDbOptions()), Removal), StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_login_is_told_apart_from_an_unreachable_server()
    {
        var refused = (MongoFailureException)MongoFailureTranslator.Translate(
            new MongoDB.Driver.MongoAuthenticationException(DriverErrors.Connection, "Unable to authenticate using sasl protocol mechanism SCRAM-SHA-256."), "hello");
        var unreachable = (MongoFailureException)MongoFailureTranslator.Translate(new TimeoutException("A timeout occurred after 500ms selecting a server."), "hello");

        Assert.Equal(MongoFailureAdvice.AuthenticationFix, MongoFailureAdvice.Fix(refused, WatchTarget.From(new MongoDbOptions()), Removal));
        Assert.Equal(MongoFailureAdvice.ReachFix, MongoFailureAdvice.Fix(unreachable, WatchTarget.From(new MongoDbOptions()), Removal));
    }

    private const string Removal = "delete the file /var/lib/cdc/orders.json";
}
