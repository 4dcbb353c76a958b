using System.Text.RegularExpressions;
using Cdc.Connector.Configuration;
using Cdc.Connector.MongoDb;
using Cdc.Connector.Source;
using Cdc.Connector.Tests.Logging;
using Cdc.Connector.Tests.Source;
using Cdc.Sandbox.MongoDb.Server;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Cdc.Connector.Tests.MongoDb;

public sealed class MongoDriverLogTests
{
    private const string Password = "hunter2";

    [Fact]
    public void A_server_that_refuses_connections_is_logged_as_unreachable_naming_its_endpoint()
    {
        var port = MongoFailureTranslatorTests.ClosedPort();
        var log = new CapturedLog();
        using (var factory = log.CreateFactory(LogLevel.Information))
        using (var client = MongoClientFactory.Create($"mongodb://cdc:{Password}@127.0.0.1:{port}/?heartbeatFrequencyMS=500", "cdc", factory))
        {
            WaitFor(() => log.Entries.Any(entry => entry.EventId.Id == 1201));

            // A server that stays unreachable is reported once, not at every heartbeat: let the monitor try twice more.
            var tried = client.Cluster.Description.Servers.Single().LastHeartbeatTimestamp;
            WaitFor(() => client.Cluster.Description.Servers.Single().LastHeartbeatTimestamp > tried);
            tried = client.Cluster.Description.Servers.Single().LastHeartbeatTimestamp;
            WaitFor(() => client.Cluster.Description.Servers.Single().LastHeartbeatTimestamp > tried);
        }

        var unreachable = Assert.Single(log.Entries, entry => entry.EventId.Id == 1201);
        Assert.Equal(LogLevel.Warning, unreachable.Level);
        Assert.Equal(
            $"MongoDB server 127.0.0.1:{port} is not reachable: Connection refused — nothing listens there: the server is down, or mongodb.uri has the wrong host or port",
            unreachable.Message);
        Assert.All(log.Entries, entry => Assert.Equal(MongoDriverLog.Category, entry.Category));
        Assert.DoesNotContain(log.Entries, entry => entry.Message.Contains(Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_getMore_of_the_change_stream_is_a_warning_and_a_usable_server_is_reported()
    {
        await using var server = MongoServer.Start();
        using var writer = new MongoClient(server.ConnectionString);
        var log = new CapturedLog();
        using (var factory = log.CreateFactory(LogLevel.Information))
        using (var connection = new MongoConnection(server.ConnectionString, factory))
        using (var source = new ChangeStreamSource(connection, Options(server), NullLogger<ChangeStreamSource>.Instance))
        {
            source.Open(StartPosition.Now("test"), CancellationToken.None);
            EmulatorWrites.FailPoint(writer, """
                {"configureFailPoint": "failCommand", "mode": {"times": 1},
                 "data": {"failCommands": ["getMore"], "appName": "cdc", "errorCode": 91, "errorLabels": ["ResumableChangeStreamError"]}}
                """);
            EmulatorWrites.Insert(writer, "shop", "orders", """{"_id": 1}""");

            var events = SourceReader.Read(source, 1);

            Assert.Equal(["insert shop.orders 1"], events.Select(SourceReader.Describe));
        }

        var endPoint = server.Host;
        var failed = Assert.Single(log.Entries, entry => entry.EventId.Id == 1203);
        Assert.Equal(LogLevel.Warning, failed.Level);
        Assert.Matches(
            $@"^MongoDB getMore on {Regex.Escape(endPoint)} failed after \d+ ms: Failing command via 'failCommand' failpoint \(ShutdownInProgress, code 91\); "
            + "the driver resumes the change stream once, then the connector reopens it from its committed position$",
            failed.Message);

        // A shutdown error marks the server unknown and clears its pool; the monitor then finds it primary again.
        var usable = log.Entries.Where(entry => entry.EventId.Id == 1202).ToList();
        Assert.NotEmpty(usable);
        Assert.All(usable, entry => Assert.Equal(($"MongoDB server {endPoint} is ReplicaSetPrimary of replica set 'rs0'", LogLevel.Information), (entry.Message, entry.Level)));
        Assert.Contains(log.Entries, entry => entry.EventId.Id == 1205 && entry.Message == $"MongoDB connection pool for {endPoint} cleared: its connections are replaced");
        Assert.All(log.Entries, entry => Assert.Equal(MongoDriverLog.Category, entry.Category));
    }

    [Fact]
    public async Task Other_failed_commands_are_only_debug_lines()
    {
        await using var server = MongoServer.Start();
        using var writer = new MongoClient(server.ConnectionString);
        var log = new CapturedLog();
        using (var factory = log.CreateFactory(LogLevel.Debug))
        using (var client = MongoClientFactory.Create(server.ConnectionString, "cdc", factory))
        {
            EmulatorWrites.FailPoint(writer, """
                {"configureFailPoint": "failCommand", "mode": {"times": 1}, "data": {"failCommands": ["ping"], "appName": "cdc", "errorCode": 2}}
                """);
            Assert.Throws<MongoCommandException>(() => EmulatorWrites.Run(client, "admin", """{"ping": 1}"""));
        }

        var failed = Assert.Single(log.Entries, entry => entry.Message.StartsWith("MongoDB ping ", StringComparison.Ordinal));
        Assert.Equal((1204, LogLevel.Debug), (failed.EventId.Id, failed.Level));
        Assert.EndsWith(" ms: Failing command via 'failCommand' failpoint (BadValue, code 2)", failed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(log.Entries, entry => entry.EventId.Id == 1203);
    }

    [Fact]
    public async Task A_getMore_the_connector_cancels_on_stop_is_no_warning()
    {
        await using var server = MongoServer.Start();
        var log = new CapturedLog();
        using (var factory = log.CreateFactory(LogLevel.Debug))
        using (var connection = new MongoConnection(server.ConnectionString, factory))
        using (var source = new ChangeStreamSource(connection, Options(server, maxAwaitTimeMs: 30_000), NullLogger<ChangeStreamSource>.Instance))
        {
            source.Open(StartPosition.Now("test"), CancellationToken.None);
            using var stop = new CancellationTokenSource();

            // Nothing is written: the getMore waits out maxAwaitTimeMS on the server, and the stop comes during it, as
            // the server's $currentOp shows (a wait far longer than the test takes to cancel once it has seen that).
            var reading = Task.Run(() =>
            {
                while (true)
                {
                    source.Read(out _, stop.Token);
                }
            });
            using var observer = new MongoClient(server.ConnectionString);
            WaitFor(() => RunningGetMores(observer) > 0);
            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(TimeSpan.FromSeconds(60)));
        }

        var cancelled = Assert.Single(log.Entries, entry => entry.Message.StartsWith("MongoDB getMore ", StringComparison.Ordinal));
        Assert.Equal((1204, LogLevel.Debug), (cancelled.EventId.Id, cancelled.Level));
        Assert.DoesNotContain(log.Entries, entry => entry.Level >= LogLevel.Warning);
    }

    private static MongoDbOptions Options(MongoServer server, int maxAwaitTimeMs = 200) => new()
    {
        Uri = server.ConnectionString,
        Scope = WatchScope.Collection,
        Database = "shop",
        Collection = "orders",
        MaxAwaitTimeMs = maxAwaitTimeMs,
    };

    /// <summary>getMore commands the server is running now ($currentOp's active operations).</summary>
    private static int RunningGetMores(MongoClient client) =>
        client.GetDatabase("admin").Aggregate(PipelineDefinition<NoPipelineInput, BsonDocument>.Create(
            new BsonDocument("$currentOp", new BsonDocument()),
            new BsonDocument("$match", new BsonDocument("op", "getmore")))).ToList().Count;

    private static void WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not come true within 30 s.");
            Thread.Sleep(20);
        }
    }
}
