using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Cdc.Connector.Configuration;
using Cdc.Connector.MongoDb;
using Cdc.Sandbox.MongoDb.Server;
using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Bson;
using MongoDB.Driver;
using MongoDB.Driver.Core.Clusters;
using MongoDB.Driver.Core.Servers;

namespace Cdc.Connector.Tests.MongoDb;

public sealed class MongoFailureTranslatorTests
{
    private const string Operation = "Reading the change stream on collection shop.orders";
    private const string Password = "hunter2";

    /// <summary>Every code of <see cref="MongoFailureTranslator.KindOf"/> with the kind it means (by name: the enum is internal).</summary>
    public static TheoryData<int, string> KnownCodes() => new()
    {
        { 286, "HistoryLost" },
        { 136, "HistoryLost" },
        { 260, "InvalidToken" },
        { 280, "InvalidToken" },
        { 18, "Authentication" },
        { 13, "Unauthorized" },
        { 11, "Unauthorized" },
        { 31, "Unauthorized" },
        { 40573, "UnsupportedDeployment" },
        { 166, "UnsupportedDeployment" },
        { 59, "UnsupportedDeployment" },
        { 115, "UnsupportedDeployment" },
        { 2, "RejectedRequest" },
        { 9, "RejectedRequest" },
        { 14, "RejectedRequest" },
        { 40324, "RejectedRequest" },
        { 40415, "RejectedRequest" },
        { 50865, "RejectedRequest" },
        { 40674, "RejectedRequest" },
        { 72, "RejectedRequest" },
        { 73, "RejectedRequest" },
        { 47, "ImageMissing" },
        { 10334, "EventTooLarge" },
    };

    [Theory]
    [MemberData(nameof(KnownCodes))]
    public void Each_server_code_of_the_table_means_its_kind(int code, string kind)
    {
        Assert.Equal(Enum.Parse<MongoFailureKind>(kind), MongoFailureTranslator.KindOf(code));
    }

    [Theory]
    [InlineData(6)] // HostUnreachable
    [InlineData(7)] // HostNotFound
    [InlineData(43)] // CursorNotFound
    [InlineData(89)] // NetworkTimeout
    [InlineData(91)] // ShutdownInProgress
    [InlineData(189)] // PrimarySteppedDown
    [InlineData(10107)] // NotWritablePrimary
    [InlineData(11600)] // InterruptedAtShutdown
    [InlineData(11602)] // InterruptedDueToReplStateChange
    [InlineData(13436)] // NotPrimaryOrSecondary
    [InlineData(0)]
    [InlineData(-1)]
    public void A_server_code_outside_the_table_is_transient(int code)
    {
        Assert.Equal(MongoFailureKind.Transient, MongoFailureTranslator.KindOf(code));
    }

    [Theory]
    [MemberData(nameof(KnownCodes))]
    public void A_command_error_keeps_its_code_and_code_name_and_gets_the_kind_of_its_code(int code, string kind)
    {
        var failure = Translated(DriverErrors.Command(code, "InjectedName"));

        Assert.Equal(Enum.Parse<MongoFailureKind>(kind), failure.Kind);
        Assert.Equal(code, failure.Code);
        Assert.Equal("InjectedName", failure.CodeName);
        Assert.Equal($"Command getMore failed: InjectedName (injected by the test) (InjectedName, code {code})", failure.Reason);
        Assert.Equal($"{Operation} failed: {failure.Reason}", failure.Message);
        Assert.IsType<MongoCommandException>(failure.InnerException);
    }

    [Fact]
    public void A_history_lost_reply_is_a_lost_position_that_retrying_cannot_fix()
    {
        var failure = Translated(DriverErrors.Command(286, "ChangeStreamHistoryLost"));

        Assert.True(failure.IsPositionLost);
        Assert.False(failure.IsRetryable);
        Assert.Equal("ChangeStreamHistoryLost, code 286", failure.CodeText);
    }

    [Fact]
    public void The_drivers_subtypes_of_a_command_error_are_read_by_their_code()
    {
        var notPrimary = Translated(new MongoNotPrimaryException(
            DriverErrors.Connection, new BsonDocument("getMore", 1L), new BsonDocument { { "ok", 0 }, { "errmsg", "not primary" }, { "code", 10107 }, { "codeName", "NotWritablePrimary" } }));
        var recovering = Translated(new MongoNodeIsRecoveringException(
            DriverErrors.Connection, new BsonDocument("getMore", 1L), new BsonDocument { { "ok", 0 }, { "errmsg", "interrupted" }, { "code", 11602 }, { "codeName", "InterruptedDueToReplStateChange" } }));

        Assert.Equal((MongoFailureKind.Transient, 10107, "NotWritablePrimary"), (notPrimary.Kind, notPrimary.Code, notPrimary.CodeName));
        Assert.Equal((MongoFailureKind.Transient, 11602, "InterruptedDueToReplStateChange"), (recovering.Kind, recovering.Code, recovering.CodeName));
        Assert.True(notPrimary.IsRetryable);
        Assert.EndsWith("(NotWritablePrimary, code 10107)", notPrimary.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_login_is_an_authentication_failure_without_a_code()
    {
        var failure = Translated(new MongoAuthenticationException(DriverErrors.Connection, "Unable to authenticate using sasl protocol mechanism SCRAM-SHA-256."));

        Assert.Equal(MongoFailureKind.Authentication, failure.Kind);
        Assert.Null(failure.Code);
        Assert.Null(failure.CodeName);
        Assert.Null(failure.CodeText);
        Assert.Equal("Unable to authenticate using sasl protocol mechanism SCRAM-SHA-256", failure.Reason);
        Assert.False(failure.IsRetryable);
    }

    [Fact]
    public void An_exceeded_time_limit_is_transient_with_code_50()
    {
        var failure = Translated(new MongoExecutionTimeoutException(DriverErrors.Connection, "operation exceeded time limit"));

        Assert.Equal(MongoFailureKind.Transient, failure.Kind);
        Assert.Equal(50, failure.Code);
        Assert.Equal("MaxTimeMSExpired", failure.CodeName);
        Assert.Equal("operation exceeded time limit (MaxTimeMSExpired, code 50)", failure.Reason);
    }

    [Fact]
    public void A_broken_connection_is_transient()
    {
        var failure = Translated(new MongoConnectionException(DriverErrors.Connection, "An exception occurred while receiving a message from the server.", new IOException("Connection reset by peer")));

        Assert.Equal(MongoFailureKind.Transient, failure.Kind);
        Assert.Null(failure.Code);
        Assert.Equal("An exception occurred while receiving a message from the server", failure.Reason);
        Assert.True(failure.IsRetryable);
    }

    [Fact]
    public void A_connection_refused_at_its_handshake_authentication_is_an_authentication_failure()
    {
        var refused = new MongoAuthenticationException(DriverErrors.Connection, "Unable to authenticate using sasl protocol mechanism SCRAM-SHA-256.");
        var failure = Translated(new MongoConnectionException(DriverErrors.Connection, "An exception occurred while opening a connection to the server.", refused));

        Assert.Equal(MongoFailureKind.Authentication, failure.Kind);
        Assert.False(failure.IsRetryable);
    }

    [Fact]
    public void A_connection_the_driver_cannot_authenticate_at_all_is_a_client_configuration_failure()
    {
        // What the driver throws for MONGODB-AWS without its AWS package, or GSSAPI without the native Kerberos library.
        var cannot = new MongoClientException("Unable to create an authenticator.");
        var failure = Translated(new MongoConnectionException(DriverErrors.Connection, "An exception occurred while opening a connection to the server.", cannot));

        Assert.Equal(MongoFailureKind.ClientConfiguration, failure.Kind);
        Assert.False(failure.IsRetryable);
    }

    [Fact]
    public void A_paused_pool_and_a_full_wait_queue_are_transient()
    {
        var paused = Translated(new MongoConnectionPoolPausedException("The connection pool is in paused state for server 127.0.0.1:27017."));
        var full = Translated(new MongoWaitQueueFullException("The wait queue for acquiring a connection to server 127.0.0.1:27017 is full."));

        Assert.Equal(MongoFailureKind.Transient, paused.Kind);
        Assert.Equal(MongoFailureKind.Transient, full.Kind);
        Assert.Equal("The connection pool is in paused state for server 127.0.0.1:27017", paused.Reason);
    }

    [Fact]
    public void Client_settings_the_driver_cannot_use_are_a_configuration_failure()
    {
        var configuration = Translated(new MongoConfigurationException("maxPoolSize has an invalid int32 value of many."));
        var incompatible = Translated(new MongoIncompatibleDriverException(
            new ClusterDescription(new ClusterId(3), false, null, ClusterType.Standalone, [])));

        Assert.Equal(MongoFailureKind.ClientConfiguration, configuration.Kind);
        Assert.Equal("maxPoolSize has an invalid int32 value of many", configuration.Reason);
        Assert.Equal(MongoFailureKind.ClientConfiguration, incompatible.Kind);
        Assert.False(configuration.IsRetryable);
    }

    [Fact]
    public void Another_refusal_of_the_driver_is_a_rejected_request()
    {
        var failure = Translated(new MongoClientException("Cannot provide resume functionality when the resume token is missing."));

        Assert.Equal(MongoFailureKind.RejectedRequest, failure.Kind);
        Assert.Null(failure.Code);
        Assert.Equal("Cannot provide resume functionality when the resume token is missing", failure.Reason);
    }

    [Fact]
    public void Anything_else_is_transient()
    {
        var io = Translated(new IOException("Broken pipe"));
        var cursor = Translated(new MongoCursorNotFoundException(DriverErrors.Connection, 42, new BsonDocument("getMore", 42L)));

        Assert.Equal((MongoFailureKind.Transient, "Broken pipe"), (io.Kind, io.Reason));
        Assert.Equal(MongoFailureKind.Transient, cursor.Kind);
        Assert.IsType<MongoCursorNotFoundException>(cursor.InnerException);
    }

    [Fact]
    public async Task A_write_error_of_the_server_keeps_its_code()
    {
        await using var server = MongoServer.Start();
        using var client = new MongoClient(server.ConnectionString);
        var collection = client.GetDatabase("shop").GetCollection<BsonDocument>("orders");
        collection.InsertOne(new BsonDocument("_id", 1));
        var write = Assert.Throws<MongoWriteException>(() => collection.InsertOne(new BsonDocument("_id", 1)));

        var failure = Translated(write);

        Assert.Equal(11000, failure.Code);
        Assert.Null(failure.CodeName);
        Assert.Equal(MongoFailureKind.Transient, failure.Kind);
        Assert.EndsWith(" (code 11000)", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("E11000 duplicate key error", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_concern_error_without_a_write_error_keeps_its_code()
    {
        await using var server = MongoServer.Start();
        using var client = new MongoClient(server.ConnectionString);
        var collection = client.GetDatabase("shop").GetCollection<BsonDocument>("orders");
        EmulatorWrites.FailPoint(client, """
            {"configureFailPoint": "failCommand", "mode": {"times": 1},
             "data": {"failCommands": ["update"], "writeConcernError": {"code": 64, "codeName": "WriteConcernFailed", "errmsg": "waiting for replication timed out"}}}
            """);
        var write = Assert.Throws<MongoWriteException>(() =>
            collection.ReplaceOne(new BsonDocument("_id", "orders"), new BsonDocument { { "_id", "orders" }, { "token", "82AB" } }, new ReplaceOptions { IsUpsert = true }));

        var failure = Translated(write);

        Assert.Null(write.WriteError);
        Assert.Equal((MongoFailureKind.Transient, 64, "WriteConcernFailed"), (failure.Kind, failure.Code, failure.CodeName));
        Assert.EndsWith(" (WriteConcernFailed, code 64)", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Cancellation_passes_through_untouched()
    {
        var canceled = new OperationCanceledException("stopping");
        var task = new TaskCanceledException("stopping");

        Assert.Same(canceled, MongoFailureTranslator.Translate(canceled, Operation));
        Assert.Same(task, MongoFailureTranslator.Translate(task, Operation));
    }

    [Fact]
    public void A_uri_the_client_factory_refused_stays_a_configuration_error()
    {
        using var connection = new MongoConnection($"mongodb://cdc:{Password}@db1/?maxPoolSize=many", NullLoggerFactory.Instance);
        var refused = Assert.Throws<ConfigurationException>(() => connection.Client);

        Assert.Same(refused, connection.Translate(refused, Operation));
        Assert.DoesNotContain(Password, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failure_already_translated_is_not_translated_again()
    {
        var once = Translated(DriverErrors.Command(286, "ChangeStreamHistoryLost"));

        Assert.Same(once, MongoFailureTranslator.Translate(once, "another operation"));
    }

    [Fact]
    public void A_password_in_a_uri_quoted_by_the_driver_is_redacted()
    {
        var failure = Translated(new MongoConfigurationException($"The connection string 'mongodb://cdc:{Password}@db1:27017/?replicaSet=rs0' is not valid."));

        Assert.Equal("The connection string 'mongodb://cdc:****@db1:27017/?replicaSet=rs0' is not valid", failure.Reason);
        Assert.DoesNotContain(Password, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_selection_timeout_names_each_server_and_why_it_was_not_usable_in_one_line()
    {
        var cluster = new ClusterDescription(new ClusterId(5), false, null, ClusterType.ReplicaSet,
        [
            Server("db1", heartbeat: new MongoConnectionException(DriverErrors.Connection, "An exception occurred while opening a connection to the server.", new SocketException((int)SocketError.ConnectionRefused))),
            Server("db2", heartbeat: new MongoAuthenticationException(DriverErrors.Connection, $"Unable to reach mongodb://cdc:{Password}@db2:27017.")),
            Server("db3", type: ServerType.ReplicaSetSecondary),
            Server("db4"),
        ]);
        var timeout = new TimeoutException("A timeout occurred after 30000ms selecting a server using CompositeServerSelector{ … }. Client view of cluster state is { … }.");

        var failure = Translated(timeout, cluster);

        Assert.Equal(MongoFailureKind.Unreachable, failure.Kind);
        Assert.Null(failure.Code);
        Assert.True(failure.IsRetryable);
        Assert.Same(timeout, failure.InnerException);
        Assert.Equal(
            "no MongoDB server was usable after 30000 ms: "
            + "db1:27017 (Connection refused — nothing listens there: the server is down, or mongodb.uri has the wrong host or port); "
            + "db2:27017 (Unable to reach mongodb://cdc:****@db2:27017 — the server refused the credentials: check the user name, password and authSource in mongodb.uri); "
            + "db3:27017 (ReplicaSetSecondary: reachable, but the operation needs the primary, and none was seen: an election under way, or the primary is not reachable from here); "
            + "db4:27017 (no answer yet: usually a firewall that drops the traffic, or a wrong address)",
            failure.Reason);
    }

    [Fact]
    public void Each_unreachable_host_says_what_its_failure_usually_means()
    {
        var cluster = new ClusterDescription(new ClusterId(7), false, null, ClusterType.Unknown,
        [
            Server("db1", heartbeat: Opening(new SocketException((int)SocketError.HostNotFound))),
            Server("db2", heartbeat: Opening(new SocketException((int)SocketError.TimedOut))),
            Server("db3", heartbeat: Opening(new System.Security.Authentication.AuthenticationException("The remote certificate is invalid according to the validation procedure"))),
            Server("db4", heartbeat: Opening(new IOException("Something nobody anticipated"))),
        ]);

        var failure = Translated(new TimeoutException("A timeout occurred after 2000ms selecting a server."), cluster);

        var hosts = failure.Reason["no MongoDB server was usable after 2000 ms: ".Length..].Split("; ");
        Assert.Equal(4, hosts.Length);
        Assert.EndsWith("— the host name does not resolve: check its spelling in mongodb.uri and this machine's DNS)", hosts[0], StringComparison.Ordinal);
        Assert.EndsWith("— no answer within connectTimeoutMS: a firewall drops the traffic, or the address is wrong)", hosts[1], StringComparison.Ordinal);
        Assert.Equal(
            "db3:27017 (The remote certificate is invalid according to the validation procedure — the TLS handshake failed: "
            + "check mongodb.tlsCAFile (the CA that issued the server's certificate), the host names in mongodb.uri against the names in that certificate, and tls in mongodb.uri)",
            hosts[2]);
        Assert.Equal("db4:27017 (Something nobody anticipated)", hosts[3]);
    }

    [Fact]
    public void A_host_of_the_uri_that_the_cluster_dropped_is_named_with_the_replica_set_the_uri_asks_for()
    {
        var settings = MongoClientSettings.FromConnectionString("mongodb://db1:27017,db2:27017/?replicaSet=rs9&tls=true");
        var cluster = new ClusterDescription(new ClusterId(8), false, null, ClusterType.ReplicaSet, [Server("db1")]);

        var failure = Assert.IsType<MongoFailureException>(
            MongoFailureTranslator.Translate(new TimeoutException("A timeout occurred after 2000ms selecting a server."), Operation, cluster, settings));

        Assert.Equal(
            "no MongoDB server was usable after 2000 ms: "
            + "db1:27017 (no answer yet: usually a firewall that drops the traffic, or a wrong address, or a server without TLS while mongodb.uri says tls=true); "
            + "db2:27017 (answered, but the driver left it out: it is not a member of replica set 'rs9', which mongodb.uri's replicaSet names, "
            + "or the set's configuration lists its members under other names than mongodb.uri)",
            failure.Reason);
    }

    [Fact]
    public async Task A_real_server_selection_timeout_against_another_replica_set_names_the_host_and_the_set_the_uri_asks_for()
    {
        await using var server = MongoServer.Start();
        using var connection = new MongoConnection($"mongodb://{server.Host}/?replicaSet=elsewhere&serverSelectionTimeoutMS=1000", NullLoggerFactory.Instance);

        var timeout = Assert.Throws<TimeoutException>(() => connection.Client.GetDatabase("admin").RunCommand<BsonDocument>(new BsonDocument("ping", 1)));
        var failure = Assert.IsType<MongoFailureException>(connection.Translate(timeout, "Pinging"));

        Assert.Equal(MongoFailureKind.Unreachable, failure.Kind);
        Assert.Matches(
            $@"^Pinging failed: no MongoDB server was usable after \d+ ms: {Regex.Escape(server.Host)} \(answered, but the driver left it out: it is not a member of replica set 'elsewhere'",
            failure.Message);
    }

    [Fact]
    public void A_server_selection_timeout_without_the_clusters_view_says_how_long_it_waited()
    {
        var withoutCluster = Translated(new TimeoutException("A timeout occurred after 500ms selecting a server using CompositeServerSelector{ … }."));
        var emptyCluster = Translated(
            new TimeoutException("A timeout occurred after 500ms selecting a server."),
            new ClusterDescription(new ClusterId(6), false, null, ClusterType.Unknown, []));
        var otherTimeout = Translated(new TimeoutException($"Timed out talking to mongodb://cdc:{Password}@db1."));

        Assert.Equal("no MongoDB server was usable after 500 ms", withoutCluster.Reason);
        Assert.Equal("no MongoDB server was usable after 500 ms", emptyCluster.Reason);
        Assert.Equal(MongoFailureKind.Unreachable, otherTimeout.Kind);
        Assert.Equal("Timed out talking to mongodb://cdc:****@db1.", otherTimeout.Reason);
    }

    [Fact]
    public void A_real_server_selection_timeout_on_a_closed_port_names_the_endpoint_and_the_refused_connection()
    {
        var port = ClosedPort();
        using var connection = new MongoConnection($"mongodb://cdc:{Password}@127.0.0.1:{port}/?serverSelectionTimeoutMS=300", NullLoggerFactory.Instance);
        var client = connection.Client;

        // The translation reads the cluster's current view: wait until the monitor has tried the port once.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (client.Cluster.Description.Servers.All(server => server.HeartbeatException is null) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }

        var timeout = Assert.Throws<TimeoutException>(() => client.GetDatabase("admin").RunCommand<BsonDocument>(new BsonDocument("ping", 1)));
        var failure = Assert.IsType<MongoFailureException>(connection.Translate(timeout, "Pinging"));

        Assert.Equal(MongoFailureKind.Unreachable, failure.Kind);
        Assert.Matches(
            $@"^Pinging failed: no MongoDB server was usable after \d+ ms: 127\.0\.0\.1:{port} \(Connection refused — nothing listens there: the server is down, or mongodb\.uri has the wrong host or port\)$",
            failure.Message);
        Assert.Equal(
            "check the hosts, replicaSet and tls options of mongodb.uri, that the server is up, and that this machine can reach it (firewall, DNS)",
            MongoFailureAdvice.Fix(failure, new Cdc.Connector.Source.ClusterWatchTarget(), "remove the checkpoint"));
        Assert.DoesNotContain(Password, failure.Message, StringComparison.Ordinal);
    }

    /// <summary>A heartbeat that failed opening the connection, as the driver wraps the socket's error.</summary>
    private static MongoConnectionException Opening(Exception cause) =>
        new(DriverErrors.Connection, "An exception occurred while opening a connection to the server.", cause);

    private static MongoFailureException Translated(Exception error, ClusterDescription? cluster = null) =>
        Assert.IsType<MongoFailureException>(MongoFailureTranslator.Translate(error, Operation, cluster));

    private static ServerDescription Server(string host, Exception? heartbeat = null, ServerType type = ServerType.Unknown)
    {
        var endPoint = new DnsEndPoint(host, 27017);
        var id = new ServerId(new ClusterId(5), endPoint);
        return heartbeat is null
            ? new ServerDescription(id, endPoint, type: new Optional<ServerType>(type))
            : new ServerDescription(id, endPoint, heartbeatException: new Optional<Exception>(heartbeat), type: new Optional<ServerType>(type));
    }

    /// <summary>
    /// A local port nothing listens on: 1 (tcpmux), privileged and unused, where a connection is refused at once. A port
    /// just freed by the system could be handed to an emulator another test starts meanwhile.
    /// </summary>
    internal static int ClosedPort() => 1;
}
