using Cdc.Sandbox.MongoDb.Commands;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Server;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.Security;

/// <summary>
/// saslStart/saslContinue as mongod answers them (also the speculativeAuthenticate of hello, which is a saslStart
/// riding on the handshake). The conversation lives on the connection; the user is looked up on the command's
/// database (the client's authSource). With options.skipEmptyExchange the server signature ends the exchange;
/// without it, one more empty saslContinue does.
/// </summary>
internal static class SaslExchange
{
    /// <param name="server">The server's state.</param>
    /// <param name="connectionId">The connection the conversation belongs to.</param>
    /// <param name="database">The authentication database.</param>
    /// <param name="command">The saslStart command (or hello's speculativeAuthenticate document).</param>
    /// <param name="speculative">
    /// From hello's speculativeAuthenticate: an unknown user is then refused at once, so the field is left out. A driver
    /// that learns no mechanisms for the user switches to SCRAM-SHA-1 and would otherwise read a SCRAM-SHA-256 challenge
    /// as its own ("Server sent an invalid nonce"); its ordinary saslStart then fails as the credentials' failure.
    /// </param>
    public static Doc Start(ServerState server, int connectionId, string database, Doc command, bool speculative = false)
    {
        var mechanismName = CommandArguments.RequireString(command, "mechanism");
        var mechanism = ScramMechanism.FromName(mechanismName)
            ?? throw new CommandException(ErrorCodes.MechanismUnavailable, $"Received authentication for mechanism {mechanismName} which is not enabled (the cdc sandbox supports SCRAM-SHA-1 and SCRAM-SHA-256)");
        var payload = Payload(command);
        var conversation = new ScramConversation(mechanism, database, server.Security.Users.Find)
        {
            SkipEmptyExchange = command["options"] is { IsDocument: true } options && CommandArguments.OptionalBoolean(options.Document, "skipEmptyExchange", false),
        };
        byte[] serverFirst;
        try
        {
            serverFirst = conversation.Start(payload);
        }
        catch (AuthenticationFailedException)
        {
            throw Failed();
        }

        if (speculative && !conversation.KnowsUser)
        {
            throw Failed();
        }

        var id = server.Security.Connection(connectionId).StartConversation(conversation);
        return new Doc().Add("conversationId", id).Add("done", false).Add("payload", DocValue.FromBinary(0, serverFirst));
    }

    public static Doc Continue(ServerState server, int connectionId, Doc command)
    {
        var idValue = command["conversationId"] ?? throw new CommandException(ErrorCodes.FailedToParse, "saslContinue needs conversationId (from the saslStart reply)");
        var id = (int)CommandArguments.AsInteger(idValue, "conversationId");
        var connection = server.Security.Connection(connectionId);
        var conversation = connection.Conversation(id)
            ?? throw new CommandException(ErrorCodes.ProtocolError, $"No SASL session state found for conversationId {id}: call saslStart first");
        var payload = Payload(command);
        if (conversation.ProofVerified)
        {
            // The empty exchange a client without skipEmptyExchange sends after checking the server signature.
            connection.EndConversation(id);
            connection.Authenticated(conversation.AuthenticatedUser!);
            return new Doc().Add("conversationId", id).Add("done", true).Add("payload", DocValue.FromBinary(0, []));
        }

        byte[] serverFinal;
        try
        {
            serverFinal = conversation.Continue(payload);
        }
        catch (AuthenticationFailedException)
        {
            connection.EndConversation(id);
            throw Failed();
        }

        if (conversation.SkipEmptyExchange)
        {
            connection.EndConversation(id);
            connection.Authenticated(conversation.AuthenticatedUser!);
        }

        return new Doc().Add("conversationId", id).Add("done", conversation.SkipEmptyExchange).Add("payload", DocValue.FromBinary(0, serverFinal));
    }

    /// <summary>mongod's answer to every failed exchange, whatever the cause (the cause is not revealed to the client).</summary>
    public static CommandException Failed() => new(ErrorCodes.AuthenticationFailed, "Authentication failed.");

    private static byte[] Payload(Doc command)
    {
        var payload = command["payload"] ?? throw new CommandException(ErrorCodes.FailedToParse, "SASL command needs a payload (BinData)");
        return payload.Type switch
        {
            BsonType.Binary => payload.Bytes,
            BsonType.String => System.Text.Encoding.UTF8.GetBytes(payload.String),
            _ => throw new CommandException(ErrorCodes.TypeMismatch, $"SASL payload must be BinData, got {CommandArguments.TypeName(payload)}"),
        };
    }
}
