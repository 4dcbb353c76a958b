using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Cdc.Connector.Interop.Mongoc;
using Cdc.Sandbox.MongoDb.Server;

namespace Cdc.Connector.Tests.Interop;

public sealed class MongoClientTests
{
    [Fact]
    public async Task RunCommand_returns_the_reply_document_of_the_server()
    {
        await using var server = MongoServer.Start();
        using var client = MongoClient.Create(server.ConnectionString, "cdc-test");

        var reply = Bson.Node(client.RunCommand("admin", Bson.Doc("""{"ping": 1}""")));

        Assert.Equal(1.0, reply["ok"]!.GetValue<double>());
        Assert.NotNull(reply["operationTime"]?["$timestamp"]);
    }

    [Fact]
    public async Task RunCommand_round_trips_a_write_and_a_read()
    {
        await using var server = MongoServer.Start();
        using var client = MongoClient.Create(server.ConnectionString, "cdc-test");

        EmulatorWrites.Insert(client, "shop", "orders", """{"_id": 7, "total": 12.5}""");
        var reply = Bson.Node(client.RunCommand("shop", Bson.Doc("""{"find": "orders", "filter": {"_id": 7}}""")));

        var first = reply["cursor"]!["firstBatch"]!.AsArray().Single()!;
        Assert.Equal(12.5, first["total"]!.GetValue<double>());
    }

    [Fact]
    public async Task RunCommand_turns_ok_0_into_a_MongoException_with_code_and_codeName()
    {
        await using var server = MongoServer.Start();
        using var client = MongoClient.Create(server.ConnectionString, "cdc-test");

        var error = Assert.Throws<MongoException>(() => client.RunCommand("shop", Bson.Doc("""{"noSuchCommand": 1}""")));

        Assert.Equal(59, error.Code);
        Assert.Equal("CommandNotFound", error.CodeName);
        Assert.Equal(MongoErrors.ServerDomain, error.Domain);
        Assert.Contains("noSuchCommand", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunCommand_reports_error_labels_from_the_reply()
    {
        await using var server = MongoServer.Start();
        using var client = MongoClient.Create(server.ConnectionString, "cdc-test");
        EmulatorWrites.FailPoint(client, """
            {"configureFailPoint": "failCommand", "mode": {"times": 1},
             "data": {"failCommands": ["find"], "errorCode": 91, "errorLabels": ["SomeLabel", "OtherLabel"]}}
            """);

        var error = Assert.Throws<MongoException>(() => client.RunCommand("shop", Bson.Doc("""{"find": "orders"}""")));

        Assert.Equal(91, error.Code);
        Assert.Equal("ShutdownInProgress", error.CodeName);
        Assert.Equal(["SomeLabel", "OtherLabel"], error.ErrorLabels);
        Assert.True(error.HasLabel("OtherLabel"));
    }

    [Fact]
    public void An_unreachable_server_fails_after_the_server_selection_timeout()
    {
        var port = ClosedPort();
        using var client = MongoClient.Create($"mongodb://127.0.0.1:{port}/?serverSelectionTimeoutMS=500&connectTimeoutMS=500", "cdc-test");

        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<MongoException>(() => client.RunCommand("admin", Bson.Doc("""{"ping": 1}""")));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.NotEqual(MongoErrors.ServerDomain, error.Domain);
        Assert.Null(error.CodeName);
        Assert.Contains("ping", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_uri_is_a_MongoException_that_names_it_without_the_password()
    {
        var error = Assert.Throws<MongoException>(() => MongoClient.Create("mongodb://user:s3cret@127.0.0.1:1/?replicaSet=", "cdc-test"));

        Assert.Contains("mongodb://user:****@127.0.0.1:1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_uri_with_another_scheme_is_refused()
    {
        var error = Assert.Throws<MongoException>(() => MongoClient.Create("http://127.0.0.1:27017", "cdc-test"));

        Assert.Contains("http://127.0.0.1:27017", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_command_that_is_not_one_BSON_document_is_refused_before_libmongoc()
    {
        using var client = MongoClient.Create("mongodb://127.0.0.1:1/", "cdc-test");

        var error = Assert.Throws<ArgumentException>(() => client.RunCommand("admin", [1, 2, 3]));

        Assert.Contains("command", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_native_library_names_the_package_to_install()
    {
        var error = Assert.Throws<DllNotFoundException>(() => MongocLibraries.Load("libmongoc-does-not-exist.so.0", MongocLibraries.MongocPackage));

        Assert.Contains("apt-get install libmongoc-1.0-0", error.Message, StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
