using Cdc.Sandbox.MongoDb.Commands;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Server;

namespace Cdc.Sandbox.Tests.MongoDb;

/// <summary>The real dispatcher over a server state that requires authentication (the users of <see cref="AuthenticatedServer"/>), without sockets.</summary>
internal sealed class SecuredHarness
{
    private readonly CommandDispatcher _dispatcher;

    public SecuredHarness(MongoServerOptions? options = null)
    {
        State = new ServerState(options ?? AuthenticatedServer.Options(), new ReplicaSetIdentity("rs0", "127.0.0.1:27017", new byte[12]));
        _dispatcher = CommandDispatcher.CreateDefault(State);
    }

    public ServerState State { get; }

    public Task<Doc> RunAsync(int connectionId, string database, Doc command)
    {
        command.Add("$db", database);
        return _dispatcher.ExecuteAsync(command, null, connectionId, CancellationToken.None).AsTask();
    }

    public async Task<Doc> RunOkAsync(int connectionId, string database, Doc command)
    {
        var reply = await RunAsync(connectionId, database, command);
        Assert.True(reply["ok"]!.Double == 1.0, $"command failed: {reply}");
        return reply;
    }

    /// <summary>Authenticates connection <paramref name="connectionId"/> as one of the seeded users (password "name-secret").</summary>
    public async Task LoginAsync(int connectionId, string user, string mechanism = "SCRAM-SHA-256", string database = "admin")
    {
        var reply = await ScramTestClient.AuthenticateAsync(command => RunAsync(connectionId, database, command), mechanism, user, $"{user}-secret");
        Assert.True(reply["ok"]!.Double == 1.0, $"authentication of {user} failed: {reply}");
    }

    public static void AssertError(Doc reply, int code, string? message = null)
    {
        Assert.True(reply["ok"]!.Double == 0.0, $"expected error {code}, got {reply}");
        Assert.Equal(code, reply["code"]!.Int32);
        if (message is not null)
        {
            Assert.Equal(message, reply["errmsg"]!.String);
        }
    }
}
