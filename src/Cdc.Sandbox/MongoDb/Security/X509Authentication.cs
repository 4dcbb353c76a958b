using Cdc.Sandbox.MongoDb.Commands;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Server;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.Security;

/// <summary>
/// MONGODB-X509 as mongod answers it: the authenticate command (or hello's speculativeAuthenticate) on $external
/// logs the connection in as the $external user named by the subject of the client certificate verified during
/// the TLS handshake. A user field, when sent, must equal that subject.
/// </summary>
internal static class X509Authentication
{
    public const string Mechanism = "MONGODB-X509";

    public const string ExternalDatabase = "$external";

    public static Doc Authenticate(ServerState server, int connectionId, string database, Doc command)
    {
        var mechanism = CommandArguments.RequireString(command, "mechanism");
        if (mechanism != Mechanism)
        {
            throw new CommandException(ErrorCodes.MechanismUnavailable, $"Received authentication for mechanism {mechanism} which is not enabled (authenticate takes MONGODB-X509; SCRAM uses saslStart)");
        }

        if (database != ExternalDatabase)
        {
            throw new CommandException(ErrorCodes.AuthenticationFailed, "X.509 authentication must always use the $external database.");
        }

        var connection = server.Security.Connection(connectionId);
        var subject = connection.ClientCertificateSubject
            ?? throw new CommandException(ErrorCodes.AuthenticationFailed, "No verified subject name available from client: connect with TLS and a client certificate");
        if (command["user"] is { Type: BsonType.String } claimed && claimed.String != subject)
        {
            throw SaslExchange.Failed();
        }

        var user = server.Security.Users.Find(subject, ExternalDatabase) ?? throw SaslExchange.Failed();
        connection.Authenticated(user);
        return new Doc().Add("dbname", ExternalDatabase).Add("user", subject);
    }

    /// <summary>A certificate subject in the RFC 2253 form mongod names X.509 users by ("CN=client,OU=cdc,O=test": last RDN first).</summary>
    public static string SubjectName(System.Security.Cryptography.X509Certificates.X500DistinguishedName name) =>
        name.Decode(System.Security.Cryptography.X509Certificates.X500DistinguishedNameFlags.Reversed | System.Security.Cryptography.X509Certificates.X500DistinguishedNameFlags.UseCommas | System.Security.Cryptography.X509Certificates.X500DistinguishedNameFlags.DoNotUseQuotes)
            .Replace(", ", ",", StringComparison.Ordinal);
}
