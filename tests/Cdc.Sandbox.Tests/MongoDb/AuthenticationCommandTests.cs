using System.Text;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Security;
using Cdc.Sandbox.MongoDb.Server;
using static Cdc.Sandbox.Tests.MongoDb.CommandHarness;

namespace Cdc.Sandbox.Tests.MongoDb;

/// <summary>SCRAM authentication, stored credentials and the handshake's authentication fields.</summary>
public sealed class AuthenticationCommandTests
{
    [Theory]
    [InlineData("SCRAM-SHA-256", true)]
    [InlineData("SCRAM-SHA-256", false)]
    [InlineData("SCRAM-SHA-1", true)]
    [InlineData("SCRAM-SHA-1", false)]
    public async Task A_user_authenticates_with_SCRAM_and_the_server_proves_it_knows_the_key(string mechanism, bool skipEmptyExchange)
    {
        var harness = new SecuredHarness();
        var reply = await ScramTestClient.AuthenticateAsync(command => harness.RunAsync(1, "admin", command), mechanism, "reader", "reader-secret", skipEmptyExchange);

        Assert.Equal(1.0, reply["ok"]!.Double);
        Assert.True(reply["done"]!.Boolean);
        Assert.Equal(["admin.reader"], harness.State.Security.AuthenticatedUsers(1).Select(user => user.Id));
        Assert.Empty(harness.State.Security.AuthenticatedUsers(2));
    }

    [Theory]
    [InlineData("SCRAM-SHA-256", "reader", "wrong")]
    [InlineData("SCRAM-SHA-1", "reader", "wrong")]
    [InlineData("SCRAM-SHA-256", "nobody", "reader-secret")]
    public async Task A_wrong_password_or_unknown_user_is_AuthenticationFailed_18(string mechanism, string user, string password)
    {
        var harness = new SecuredHarness();
        var reply = await ScramTestClient.AuthenticateAsync(command => harness.RunAsync(1, "admin", command), mechanism, user, password);

        SecuredHarness.AssertError(reply, 18, "Authentication failed.");
        Assert.Equal("AuthenticationFailed", reply["codeName"]!.String);
        Assert.Empty(harness.State.Security.AuthenticatedUsers(1));
    }

    [Fact]
    public async Task A_user_is_looked_up_on_the_database_saslStart_runs_on()
    {
        var harness = new SecuredHarness();
        var reply = await ScramTestClient.AuthenticateAsync(command => harness.RunAsync(1, "shop", command), "SCRAM-SHA-256", "reader", "reader-secret");

        SecuredHarness.AssertError(reply, 18, "Authentication failed.");
    }

    [Fact]
    public async Task A_wrong_password_over_the_wire_is_answered_with_18_and_the_connection_stays_usable()
    {
        await using var server = MongoServer.Start(AuthenticatedServer.Options());
        using var client = new WireTestClient(server.Port);
        var requestId = 0;
        Task<Doc> Run(Doc command)
        {
            command.Add("$db", "admin");
            return client.RoundTripAsync(WireMessages.OpMsg(++requestId, command));
        }

        var failed = await ScramTestClient.AuthenticateAsync(Run, "SCRAM-SHA-256", "admin", "not-the-password");
        SecuredHarness.AssertError(failed, 18, "Authentication failed.");

        var succeeded = await ScramTestClient.AuthenticateAsync(Run, "SCRAM-SHA-256", "admin", "admin-secret");
        Assert.Equal(1.0, succeeded["ok"]!.Double);
        var status = await Run(new Doc().Add("connectionStatus", 1));
        Assert.Equal("admin", status["authInfo"]!.Document["authenticatedUsers"]!.Array[0].Document["user"]!.String);
    }

    [Fact]
    public async Task An_unknown_mechanism_is_MechanismUnavailable()
    {
        var harness = new SecuredHarness();
        var reply = await harness.RunAsync(1, "admin", new Doc().Add("saslStart", 1).Add("mechanism", "PLAIN").Add("payload", DocValue.FromBinary(0, [0])));

        SecuredHarness.AssertError(reply, 334);
    }

    [Fact]
    public void Stored_credentials_are_salted_keys_with_the_server_iteration_counts_never_the_password()
    {
        var state = new SecuredHarness().State;
        var admin = state.Security.Users.Find("admin", "admin")!;
        var sha256 = admin.Credential(ScramMechanism.Sha256)!;
        var sha1 = admin.Credential(ScramMechanism.Sha1)!;

        Assert.Equal(15_000, sha256.Iterations);
        Assert.Equal(10_000, sha1.Iterations);
        Assert.Equal(32, sha256.StoredKey.Length);
        Assert.Equal(20, sha1.StoredKey.Length);
        Assert.NotEqual(Convert.ToBase64String(sha256.Salt), Convert.ToBase64String(state.Security.Users.Find("reader", "admin")!.Credential(ScramMechanism.Sha256)!.Salt));
        Assert.DoesNotContain("admin-secret", admin.ToString(), StringComparison.Ordinal);
        var password = Encoding.ASCII.GetBytes("admin-secret");
        Assert.False(sha256.StoredKey.AsSpan().IndexOf(password) >= 0 || sha256.ServerKey.AsSpan().IndexOf(password) >= 0);
    }

    [Fact]
    public async Task A_non_ASCII_SCRAM_SHA_256_password_is_refused_with_a_clear_error()
    {
        var harness = new SecuredHarness();
        await harness.LoginAsync(1, "admin");
        var reply = await harness.RunAsync(1, "shop", new Doc().Add("createUser", "ümlaut").Add("pwd", "pässword").Add("roles", Array()).Add("mechanisms", Array(S("SCRAM-SHA-256"))));

        SecuredHarness.AssertError(reply, 2);
        Assert.Contains("ASCII", reply["errmsg"]!.String, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hello_lists_the_users_mechanisms_when_asked_with_saslSupportedMechs()
    {
        var harness = new SecuredHarness();
        var known = await harness.RunOkAsync(1, "admin", new Doc().Add("hello", 1).Add("saslSupportedMechs", "admin.reader"));
        var unknown = await harness.RunOkAsync(1, "admin", new Doc().Add("hello", 1).Add("saslSupportedMechs", "admin.nobody"));

        Assert.Equal(["SCRAM-SHA-1", "SCRAM-SHA-256"], known["saslSupportedMechs"]!.Array.Select(value => value.String));
        Assert.False(unknown.Contains("saslSupportedMechs"));
    }

    [Fact]
    public async Task Hello_answers_speculativeAuthenticate_with_the_first_SCRAM_step_which_saslContinue_completes()
    {
        var harness = new SecuredHarness();
        var reply = await ScramTestClient.AuthenticateAsync(
            async command =>
            {
                if (command.Contains("saslStart"))
                {
                    command.Add("db", "admin");
                    var hello = await harness.RunOkAsync(1, "admin", new Doc().Add("hello", 1).Add("speculativeAuthenticate", command));
                    return hello["speculativeAuthenticate"]!.Document.Add("ok", 1.0);
                }

                return await harness.RunAsync(1, "admin", command);
            },
            "SCRAM-SHA-256",
            "watcher",
            "watcher-secret");

        Assert.Equal(1.0, reply["ok"]!.Double);
        Assert.Equal(["admin.watcher"], harness.State.Security.AuthenticatedUsers(1).Select(user => user.Id));
    }

    [Fact]
    public async Task Logout_forgets_the_user_of_that_database()
    {
        var harness = new SecuredHarness();
        await harness.LoginAsync(1, "reader");
        await harness.RunOkAsync(1, "admin", new Doc().Add("logout", 1));

        SecuredHarness.AssertError(await harness.RunAsync(1, "shop", new Doc().Add("find", "orders")), 13, "command find requires authentication");
    }
}
