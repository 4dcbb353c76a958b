using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Wire;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>
/// hello / isMaster: describes a single-node replica set whose only member is this primary. No topologyVersion is
/// sent, so drivers poll with plain hello at their heartbeat interval instead of the awaitable (streaming) protocol.
/// </summary>
internal sealed class HelloCommand : ICommandHandler
{
    /// <summary>Wire versions 0–17 (up to MongoDB 6.0): a range the C# driver 3.x and the Node.js driver 7 both accept.</summary>
    public const int MinWireVersion = 0;

    public const int MaxWireVersion = 17;

    public IReadOnlyList<string> Names { get; } = ["hello", "isMaster", "ismaster"];

    public ValueTask<Doc> ExecuteAsync(CommandContext context)
    {
        var identity = context.Server.Identity;

        // Read first: a step-down that has run its course re-elects the node here (new term, new electionId).
        var isPrimary = context.Server.Replication.IsWritablePrimary;
        var electionId = context.Server.Replication.ElectionId;
        var catalog = context.Catalog;
        var operationTime = DocValue.FromTimestamp(catalog.OperationTime);
        var wallTime = DocValue.FromDateTime(catalog.Clock.WallTimeMilliseconds);
        var opTime = new Doc().Add("ts", operationTime).Add("t", identity.Term);
        var host = identity.Host;
        var reply = new Doc().Add("hosts", DocValue.FromArray([DocValue.FromString(host)]))
            .Add("setName", identity.SetName)
            .Add("setVersion", identity.SetVersion);
        reply.Add(context.Name == "hello" ? "isWritablePrimary" : "ismaster", isPrimary);
        if (context.Name != "hello" && CommandArguments.OptionalBoolean(context.Command, "helloOk", false))
        {
            reply.Add("helloOk", true);
        }

        // A stepped-down single node knows no primary, so "primary" and "electionId" (a primary's) are absent.
        reply.Add("secondary", !isPrimary);
        if (isPrimary)
        {
            reply.Add("primary", host);
        }

        reply.Add("me", host);
        if (isPrimary)
        {
            reply.Add("electionId", DocValue.FromObjectId(electionId));
        }

        reply
            .Add("lastWrite", new Doc()
                .Add("opTime", opTime)
                .Add("lastWriteDate", wallTime)
                .Add("majorityOpTime", opTime.Clone())
                .Add("majorityWriteDate", wallTime))
            .Add("maxBsonObjectSize", WireLimits.MaxBsonObjectSize)
            .Add("maxMessageSizeBytes", WireLimits.MaxMessageSizeBytes)
            .Add("maxWriteBatchSize", WireLimits.MaxWriteBatchSize)
            .Add("localTime", wallTime)
            .Add("logicalSessionTimeoutMinutes", 30)
            .Add("connectionId", context.ConnectionId)
            .Add("minWireVersion", MinWireVersion)
            .Add("maxWireVersion", MaxWireVersion)
            .Add("readOnly", false);
        AddAuthenticationFields(context, reply);
        return ValueTask.FromResult(reply);
    }

    /// <summary>
    /// saslSupportedMechs: "db.user" asks which mechanisms the user has credentials for (drivers pick SCRAM-SHA-256
    /// when listed); an unknown user gets no field, as from mongod. speculativeAuthenticate is a saslStart riding on
    /// the handshake; its answer saves the driver a round trip, and a failure leaves the field out so the driver
    /// falls back to an ordinary saslStart (which then reports the failure).
    /// </summary>
    private static void AddAuthenticationFields(CommandContext context, Doc reply)
    {
        if (context.Command["saslSupportedMechs"] is { Type: Schemas.Bson.BsonType.String } userName)
        {
            var dot = userName.String.IndexOf('.', StringComparison.Ordinal);
            if (dot > 0 && context.Server.Security.Users.Find(userName.String[(dot + 1)..], userName.String[..dot]) is { } user)
            {
                reply.Add("saslSupportedMechs", DocValue.FromArray([.. user.MechanismNames.Select(DocValue.FromString)]));
            }
        }

        if (context.Command["speculativeAuthenticate"] is { IsDocument: true } speculative
            && speculative.Document["db"] is { Type: Schemas.Bson.BsonType.String } database
            && (speculative.Document.Contains("saslStart") || speculative.Document.Contains("authenticate")))
        {
            try
            {
                reply.Add("speculativeAuthenticate", speculative.Document.Contains("saslStart")
                    ? Security.SaslExchange.Start(context.Server, context.ConnectionId, database.String, speculative.Document, speculative: true)
                    : Security.X509Authentication.Authenticate(context.Server, context.ConnectionId, database.String, speculative.Document));
            }
            catch (CommandException)
            {
                // Left unanswered: the driver authenticates with saslStart and gets the error there.
            }
        }
    }
}
