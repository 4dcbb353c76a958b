using Cdc.Connector.MongoDb;
using Cdc.Sandbox.MongoDb.Security;
using Cdc.Sandbox.MongoDb.Server;
using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Bson;

namespace Cdc.Connector.Tests.MongoDb;

/// <summary>
/// The .NET driver (the connector's own client) against the emulator with authentication on: it authenticates with
/// SCRAM-SHA-256 and SCRAM-SHA-1 (sending its handshake's saslContinue as OP_QUERY, as it does to a server), and a wrong
/// password or a missing privilege reach the connector as the failures it explains.
/// </summary>
public sealed class EmulatorAuthenticationDriverTests
{
    [Theory]
    [InlineData("SCRAM-SHA-256")]
    [InlineData("SCRAM-SHA-1")]
    public async Task The_dotnet_driver_authenticates_with_scram(string mechanism)
    {
        await using var server = Start();
        using var connection = new MongoConnection(Uri(server, "cdc", "secret") + "&authMechanism=" + mechanism, NullLoggerFactory.Instance);

        var reply = connection.Client.GetDatabase("admin").RunCommand<BsonDocument>(new BsonDocument("connectionStatus", 1));

        var user = Assert.Single(reply["authInfo"]["authenticatedUsers"].AsBsonArray).AsBsonDocument;
        Assert.Equal("cdc", user["user"].AsString);
    }

    [Fact]
    public async Task A_wrong_password_is_an_authentication_failure_with_the_fix()
    {
        await using var server = Start();
        using var connection = new MongoConnection(Uri(server, "cdc", "wrong") + "&serverSelectionTimeoutMS=3000", NullLoggerFactory.Instance);

        var error = Assert.Throws<MongoFailureException>(() => new MongoServerProbe(connection).Hello());

        Assert.Equal(MongoFailureKind.Authentication, error.Kind);
        Assert.DoesNotContain("wrong", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_without_the_privilege_is_refused_as_unauthorized()
    {
        await using var server = Start();
        using var connection = new MongoConnection(Uri(server, "other", "secret"), NullLoggerFactory.Instance);

        var refusal = Record.Exception(() =>
            connection.Client.GetDatabase("shop").GetCollection<BsonDocument>("orders").Watch(MongoDB.Driver.PipelineDefinition<MongoDB.Driver.ChangeStreamDocument<BsonDocument>, BsonDocument>.Create(Array.Empty<BsonDocument>())).Dispose());
        var error = Assert.IsType<MongoFailureException>(connection.Translate(refusal!, "Opening the change stream on collection shop.orders"));

        Assert.Equal(MongoFailureKind.Unauthorized, error.Kind);
        Assert.Contains("not authorized on shop", error.Message, StringComparison.Ordinal);
    }

    private static MongoServer Start() => MongoServer.Start(new MongoServerOptions
    {
        RequireAuthentication = true,
        Users =
        [
            new MongoServerUser("cdc", "secret", [new RoleName("read", "shop")]),
            new MongoServerUser("other", "secret", [new RoleName("read", "inventory")]),
        ],
    });

    private static string Uri(MongoServer server, string user, string password) =>
        server.ConnectionString.Replace("mongodb://", $"mongodb://{user}:{password}@", StringComparison.Ordinal) + "&authSource=admin";
}
