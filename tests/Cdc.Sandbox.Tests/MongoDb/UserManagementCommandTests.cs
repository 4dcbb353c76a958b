using Cdc.Sandbox.MongoDb.Documents;
using static Cdc.Sandbox.Tests.MongoDb.CommandHarness;

namespace Cdc.Sandbox.Tests.MongoDb;

/// <summary>createUser, updateUser, grantRolesToUser, revokeRolesFromUser, dropUser, usersInfo and connectionStatus.</summary>
public sealed class UserManagementCommandTests
{
    private const int Admin = 1;
    private const int Clerk = 2;

    private static async Task<SecuredHarness> WithClerkAsync()
    {
        var harness = new SecuredHarness();
        await harness.LoginAsync(Admin, "admin");
        await harness.RunOkAsync(Admin, "shop", new Doc().Add("createUser", "clerk").Add("pwd", "clerk-secret")
            .Add("roles", Array(S("read"), D(new Doc().Add("role", "readWrite").Add("db", "returns")))));
        await harness.LoginAsync(Clerk, "clerk", database: "shop");
        return harness;
    }

    [Fact]
    public async Task UsersInfo_shows_a_user_as_mongod_does_without_credentials()
    {
        var harness = await WithClerkAsync();

        var reply = await harness.RunOkAsync(Admin, "shop", new Doc().Add("usersInfo", "clerk"));

        var user = Assert.Single(reply["users"]!.Array).Document;
        Assert.Equal(["_id", "user", "db", "roles", "mechanisms"], user.Fields.Select(field => field.Key));
        Assert.Equal("shop.clerk", user["_id"]!.String);
        Assert.Equal("{ role: \"read\", db: \"shop\" }", DocJsonOf(user["roles"]!.Array[0]));
        Assert.Equal(["SCRAM-SHA-1", "SCRAM-SHA-256"], user["mechanisms"]!.Array.Select(value => value.String));
    }

    [Fact]
    public async Task UsersInfo_takes_1_a_list_or_forAllDBs_and_shows_privileges_when_asked()
    {
        var harness = await WithClerkAsync();

        var all = await harness.RunOkAsync(Admin, "admin", new Doc().Add("usersInfo", 1));
        var list = await harness.RunOkAsync(Admin, "admin", new Doc().Add("usersInfo", Array(S("reader"), D(new Doc().Add("user", "clerk").Add("db", "shop")), S("nobody"))));
        var everywhere = await harness.RunOkAsync(Admin, "admin", new Doc().Add("usersInfo", new Doc().Add("forAllDBs", true)));
        var privileges = await harness.RunOkAsync(Admin, "shop", new Doc().Add("usersInfo", "clerk").Add("showPrivileges", true));

        Assert.Equal(["admin.admin", "admin.outsider", "admin.reader", "admin.watcher"], all["users"]!.Array.Select(user => user.Document["_id"]!.String));
        Assert.Equal(["admin.reader", "shop.clerk"], list["users"]!.Array.Select(user => user.Document["_id"]!.String));
        Assert.Equal(5, everywhere["users"]!.Array.Count);
        var inherited = privileges["users"]!.Array[0].Document["inheritedPrivileges"]!.Array.Select(privilege => privilege.Document).ToList();
        var onShop = inherited.Single(privilege => privilege["resource"]!.Document["db"]?.String == "shop");
        Assert.Contains("changeStream", onShop["actions"]!.Array.Select(action => action.String));
        Assert.Contains("find", onShop["actions"]!.Array.Select(action => action.String));
        Assert.DoesNotContain("insert", onShop["actions"]!.Array.Select(action => action.String));
    }

    [Fact]
    public async Task ConnectionStatus_names_the_authenticated_users_their_roles_and_privileges_when_asked()
    {
        var harness = await WithClerkAsync();

        var plain = await harness.RunOkAsync(Clerk, "admin", new Doc().Add("connectionStatus", 1));
        var detailed = await harness.RunOkAsync(Clerk, "admin", new Doc().Add("connectionStatus", 1).Add("showPrivileges", true));
        var anonymous = await harness.RunOkAsync(9, "admin", new Doc().Add("connectionStatus", 1));

        var authInfo = plain["authInfo"]!.Document;
        Assert.Equal(["authenticatedUsers", "authenticatedUserRoles"], authInfo.Fields.Select(field => field.Key));
        Assert.Equal("{ user: \"clerk\", db: \"shop\" }", DocJsonOf(Assert.Single(authInfo["authenticatedUsers"]!.Array)));
        Assert.Equal(["read@shop", "readWrite@returns"], authInfo["authenticatedUserRoles"]!.Array.Select(role => $"{role.Document["role"]!.String}@{role.Document["db"]!.String}"));
        var privileges = detailed["authInfo"]!.Document["authenticatedUserPrivileges"]!.Array;
        Assert.Equal(["shop", "returns"], privileges.Select(privilege => privilege.Document["resource"]!.Document["db"]!.String));
        Assert.Empty(anonymous["authInfo"]!.Document["authenticatedUsers"]!.Array);
    }

    [Fact]
    public async Task Granted_and_revoked_roles_apply_to_an_open_connection_at_once()
    {
        var harness = await WithClerkAsync();
        var insert = new Doc().Add("insert", "orders").Add("documents", Array(D(new Doc().Add("_id", 1))));

        SecuredHarness.AssertError(await harness.RunAsync(Clerk, "shop", insert.Clone()), 13);
        await harness.RunOkAsync(Admin, "shop", new Doc().Add("grantRolesToUser", "clerk").Add("roles", Array(S("readWrite"))));
        await harness.RunOkAsync(Clerk, "shop", insert.Clone());
        await harness.RunOkAsync(Admin, "shop", new Doc().Add("revokeRolesFromUser", "clerk").Add("roles", Array(S("readWrite"), S("read"))));
        SecuredHarness.AssertError(await harness.RunAsync(Clerk, "shop", new Doc().Add("find", "orders")), 13);
    }

    [Fact]
    public async Task UpdateUser_replaces_the_password_and_roles_and_dropUser_ends_the_users_access()
    {
        var harness = await WithClerkAsync();

        await harness.RunOkAsync(Admin, "shop", new Doc().Add("updateUser", "clerk").Add("pwd", "new-secret").Add("roles", Array(S("dbOwner"))));
        var oldPassword = await ScramTestClient.AuthenticateAsync(command => harness.RunAsync(3, "shop", command), "SCRAM-SHA-256", "clerk", "clerk-secret");
        var newPassword = await ScramTestClient.AuthenticateAsync(command => harness.RunAsync(3, "shop", command), "SCRAM-SHA-1", "clerk", "new-secret");
        SecuredHarness.AssertError(oldPassword, 18);
        Assert.Equal(1.0, newPassword["ok"]!.Double);
        await harness.RunOkAsync(Clerk, "shop", new Doc().Add("create", "anything"));

        await harness.RunOkAsync(Admin, "shop", new Doc().Add("dropUser", "clerk"));
        SecuredHarness.AssertError(await harness.RunAsync(Clerk, "shop", new Doc().Add("find", "orders")), 13, "command find requires authentication");
        SecuredHarness.AssertError(await harness.RunAsync(Admin, "shop", new Doc().Add("dropUser", "clerk")), 11);
    }

    [Fact]
    public async Task User_commands_refuse_duplicates_unknown_roles_and_users_without_userAdmin()
    {
        var harness = await WithClerkAsync();

        SecuredHarness.AssertError(await harness.RunAsync(Admin, "shop", new Doc().Add("createUser", "clerk").Add("pwd", "x").Add("roles", Array())), 51003, "User \"clerk@shop\" already exists");
        SecuredHarness.AssertError(await harness.RunAsync(Admin, "shop", new Doc().Add("createUser", "x").Add("pwd", "x").Add("roles", Array(S("emperor")))), 31);
        SecuredHarness.AssertError(await harness.RunAsync(Admin, "shop", new Doc().Add("createUser", "x").Add("pwd", "x").Add("roles", Array(S("root")))), 31);
        SecuredHarness.AssertError(await harness.RunAsync(Clerk, "shop", new Doc().Add("createUser", "x").Add("pwd", "x").Add("roles", Array())), 13);
        SecuredHarness.AssertError(await harness.RunAsync(Clerk, "shop", new Doc().Add("usersInfo", 1)), 13);
        SecuredHarness.AssertError(await harness.RunAsync(Clerk, "admin", new Doc().Add("usersInfo", "reader")), 13);
    }

    [Fact]
    public async Task Any_user_may_look_itself_up_with_usersInfo()
    {
        var harness = await WithClerkAsync();

        var byName = await harness.RunOkAsync(Clerk, "shop", new Doc().Add("usersInfo", "clerk"));
        var byDocument = await harness.RunOkAsync(Clerk, "admin", new Doc().Add("usersInfo", new Doc().Add("user", "clerk").Add("db", "shop")));

        Assert.Equal("shop.clerk", Assert.Single(byName["users"]!.Array).Document["_id"]!.String);
        Assert.Equal("shop.clerk", Assert.Single(byDocument["users"]!.Array).Document["_id"]!.String);
    }

    private static string DocJsonOf(DocValue value) => value.ToString();
}
