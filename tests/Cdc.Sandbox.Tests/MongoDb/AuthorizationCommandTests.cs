using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Security;
using Cdc.Sandbox.MongoDb.Server;
using static Cdc.Sandbox.Tests.MongoDb.CommandHarness;

namespace Cdc.Sandbox.Tests.MongoDb;

/// <summary>Privilege checks of a server started with RequireAuthentication, command by command.</summary>
public sealed class AuthorizationCommandTests
{
    private const int Admin = 1;
    private const int Reader = 2;
    private const int Outsider = 3;
    private const int Watcher = 4;
    private const int Anonymous = 5;

    private static async Task<SecuredHarness> LoggedInAsync()
    {
        var harness = new SecuredHarness();
        await harness.LoginAsync(Admin, "admin");
        await harness.LoginAsync(Reader, "reader", "SCRAM-SHA-1");
        await harness.LoginAsync(Outsider, "outsider");
        await harness.LoginAsync(Watcher, "watcher");
        await harness.RunOkAsync(Admin, "shop", new Doc().Add("insert", "orders").Add("documents", Array(D(new Doc().Add("_id", 1)))));
        return harness;
    }

    private static Doc ChangeStream(DocValue target, Doc? options = null) => new Doc()
        .Add("aggregate", target)
        .Add("pipeline", Array(D(new Doc().Add("$changeStream", options ?? new Doc()))))
        .Add("cursor", new Doc());

    [Fact]
    public async Task An_unauthenticated_connection_may_handshake_and_ping_but_gets_13_for_find()
    {
        var harness = await LoggedInAsync();

        await harness.RunOkAsync(Anonymous, "admin", new Doc().Add("hello", 1));
        await harness.RunOkAsync(Anonymous, "admin", new Doc().Add("ping", 1));
        await harness.RunOkAsync(Anonymous, "admin", new Doc().Add("buildInfo", 1));
        var reply = await harness.RunAsync(Anonymous, "shop", new Doc().Add("find", "orders"));

        SecuredHarness.AssertError(reply, 13, "command find requires authentication");
        Assert.Equal("Unauthorized", reply["codeName"]!.String);
    }

    [Fact]
    public async Task A_user_with_read_on_another_database_is_refused_a_change_stream_on_shop_with_13()
    {
        var harness = await LoggedInAsync();

        var reply = await harness.RunAsync(Outsider, "shop", ChangeStream(S("orders")));

        SecuredHarness.AssertError(reply, 13);
        Assert.StartsWith("not authorized on shop to execute command { aggregate: \"orders\"", reply["errmsg"]!.String, StringComparison.Ordinal);
        SecuredHarness.AssertError(await harness.RunAsync(Outsider, "shop", ChangeStream(I(1))), 13);
        SecuredHarness.AssertError(await harness.RunAsync(Outsider, "shop", new Doc().Add("find", "orders")), 13);
        await harness.RunOkAsync(Outsider, "other", new Doc().Add("find", "orders"));
    }

    [Fact]
    public async Task A_read_user_on_shop_may_open_collection_and_database_change_streams_on_shop_but_not_write_or_watch_the_cluster()
    {
        var harness = await LoggedInAsync();

        await harness.RunOkAsync(Reader, "shop", ChangeStream(S("orders")));
        await harness.RunOkAsync(Reader, "shop", ChangeStream(I(1)));
        await harness.RunOkAsync(Reader, "shop", new Doc().Add("find", "orders"));
        await harness.RunOkAsync(Reader, "shop", new Doc().Add("count", "orders"));
        await harness.RunOkAsync(Reader, "shop", new Doc().Add("listCollections", 1));
        SecuredHarness.AssertError(await harness.RunAsync(Reader, "shop", new Doc().Add("insert", "orders").Add("documents", Array(D(new Doc().Add("_id", 2))))), 13);
        SecuredHarness.AssertError(await harness.RunAsync(Reader, "shop", new Doc().Add("delete", "orders").Add("deletes", Array())), 13);
        SecuredHarness.AssertError(await harness.RunAsync(Reader, "shop", new Doc().Add("drop", "orders")), 13);
        SecuredHarness.AssertError(await harness.RunAsync(Reader, "admin", ChangeStream(I(1), new Doc().Add("allChangesForCluster", true))), 13);
    }

    [Fact]
    public async Task ListDatabases_shows_a_user_without_the_listDatabases_action_only_its_own_databases()
    {
        var harness = await LoggedInAsync();
        await harness.RunOkAsync(Admin, "other", new Doc().Add("insert", "things").Add("documents", Array(D(new Doc().Add("_id", 1)))));

        var reader = await harness.RunOkAsync(Reader, "admin", new Doc().Add("listDatabases", 1).Add("nameOnly", true));
        var watcher = await harness.RunOkAsync(Watcher, "admin", new Doc().Add("listDatabases", 1).Add("nameOnly", true));

        Assert.Equal(["shop"], reader["databases"]!.Array.Select(database => database.Document["name"]!.String));
        Assert.Equal(["other", "shop"], watcher["databases"]!.Array.Select(database => database.Document["name"]!.String).Order(StringComparer.Ordinal));
        SecuredHarness.AssertError(await harness.RunAsync(Reader, "admin", new Doc().Add("listDatabases", 1).Add("authorizedDatabases", false)), 13);
        SecuredHarness.AssertError(await harness.RunAsync(Anonymous, "admin", new Doc().Add("listDatabases", 1)), 13, "command listDatabases requires authentication");
    }

    [Fact]
    public async Task A_readAnyDatabase_user_may_open_a_cluster_change_stream()
    {
        var harness = await LoggedInAsync();

        await harness.RunOkAsync(Watcher, "admin", ChangeStream(I(1), new Doc().Add("allChangesForCluster", true)));
        await harness.RunOkAsync(Watcher, "admin", new Doc().Add("listDatabases", 1));
        await harness.RunOkAsync(Watcher, "other", ChangeStream(S("anything")));
        SecuredHarness.AssertError(await harness.RunAsync(Watcher, "shop", new Doc().Add("update", "orders").Add("updates", Array(D(new Doc().Add("q", new Doc()).Add("u", new Doc().Add("$set", new Doc().Add("a", 1))))))), 13);
    }

    [Fact]
    public async Task Only_the_user_who_opened_a_cursor_may_getMore_or_kill_it()
    {
        var harness = await LoggedInAsync();
        var opened = await harness.RunOkAsync(Reader, "shop", ChangeStream(S("orders")));
        var cursorId = opened["cursor"]!.Document["id"]!.Int64;
        Assert.NotEqual(0L, cursorId);

        var getMore = new Doc().Add("getMore", cursorId).Add("collection", "orders").Add("maxTimeMS", 10);
        SecuredHarness.AssertError(await harness.RunAsync(Watcher, "shop", getMore), 13);
        SecuredHarness.AssertError(await harness.RunAsync(Watcher, "shop", new Doc().Add("killCursors", "orders").Add("cursors", Array(DocValue.FromInt64(cursorId)))), 13);
        await harness.RunOkAsync(Reader, "shop", new Doc().Add("getMore", cursorId).Add("collection", "orders").Add("maxTimeMS", 10));
        await harness.RunOkAsync(Reader, "shop", new Doc().Add("killCursors", "orders").Add("cursors", Array(DocValue.FromInt64(cursorId))));
    }

    [Fact]
    public async Task Cluster_commands_need_cluster_roles()
    {
        var harness = await LoggedInAsync();
        var failPoint = new Doc().Add("configureFailPoint", "failCommand").Add("mode", "off");
        var currentOp = new Doc().Add("aggregate", 1).Add("pipeline", Array(D(new Doc().Add("$currentOp", new Doc())))).Add("cursor", new Doc());

        SecuredHarness.AssertError(await harness.RunAsync(Watcher, "admin", failPoint.Clone()), 13);
        SecuredHarness.AssertError(await harness.RunAsync(Watcher, "admin", currentOp.Clone()), 13);
        SecuredHarness.AssertError(await harness.RunAsync(Watcher, "admin", new Doc().Add("replSetFreeze", 0)), 13);
        await harness.RunOkAsync(Admin, "admin", failPoint.Clone());
        await harness.RunOkAsync(Admin, "admin", currentOp.Clone());

        await harness.RunOkAsync(Admin, "admin", new Doc().Add("createUser", "monitor").Add("pwd", "monitor-secret").Add("roles", Array(S("clusterMonitor"), S("clusterManager"))));
        await harness.LoginAsync(6, "monitor");
        await harness.RunOkAsync(6, "admin", currentOp.Clone());
        await harness.RunOkAsync(6, "admin", failPoint.Clone());
    }

    [Fact]
    public async Task A_transaction_of_an_authorized_user_commits()
    {
        var harness = new SecuredHarness(AuthenticatedServer.Options() with
        {
            Users = [new MongoServerUser("writer", "writer-secret", [new RoleName("readWrite", "shop")])],
        });
        await harness.LoginAsync(1, "writer");
        var lsid = new Doc().Add("id", DocValue.FromBinary(4, Guid.NewGuid().ToByteArray()));

        await harness.RunOkAsync(1, "shop", new Doc().Add("insert", "orders").Add("documents", Array(D(new Doc().Add("_id", 1))))
            .Add("lsid", lsid.Clone()).Add("txnNumber", 1L).Add("startTransaction", true).Add("autocommit", false));
        await harness.RunOkAsync(1, "admin", new Doc().Add("commitTransaction", 1).Add("lsid", lsid.Clone()).Add("txnNumber", 1L).Add("autocommit", false));

        var found = await harness.RunOkAsync(1, "shop", new Doc().Add("find", "orders"));
        Assert.Single(found["cursor"]!.Document["firstBatch"]!.Array);
    }

    [Fact]
    public async Task Without_RequireAuthentication_every_command_runs_unauthenticated_as_before()
    {
        var harness = new SecuredHarness(new MongoServerOptions());

        await harness.RunOkAsync(1, "shop", new Doc().Add("insert", "orders").Add("documents", Array(D(new Doc().Add("_id", 1)))));
        await harness.RunOkAsync(1, "shop", ChangeStream(S("orders")));
        await harness.RunOkAsync(1, "admin", new Doc().Add("listDatabases", 1));
    }

    [Fact]
    public async Task With_no_users_the_localhost_exception_lets_a_client_create_the_first_admin()
    {
        var harness = new SecuredHarness(new MongoServerOptions { RequireAuthentication = true });

        await harness.RunOkAsync(1, "admin", new Doc().Add("createUser", "admin").Add("pwd", "admin-secret").Add("roles", Array(S("root"))));
        SecuredHarness.AssertError(await harness.RunAsync(1, "admin", new Doc().Add("createUser", "second").Add("pwd", "x").Add("roles", Array())), 13, "command createUser requires authentication");
        await harness.LoginAsync(2, "admin");
        await harness.RunOkAsync(2, "admin", new Doc().Add("createUser", "second").Add("pwd", "x").Add("roles", Array()));
    }
}
