using Cdc.Connector.Interop.Mongoc;

namespace Cdc.Connector.Check;

/// <summary>
/// What a MongoDB failure means for `cdc check` and what to do about it, decided by libmongoc's error domain and the
/// server's code (as <see cref="Source.SourceFailureClassifier"/> decides for `cdc run`), never by message text.
/// </summary>
internal static class MongoFailureAdvice
{
    private const uint StreamDomain = 2;
    private const uint ClientDomain = 1;
    private const uint SaslDomain = 7;
    private const uint ScramDomain = 14;
    private const uint ServerSelectionDomain = 15;

    public const string ReachFix = "check the hosts, replicaSet and tls options of mongodb.uri, that the server is up, and that this machine can reach it (firewall, DNS)";

    public const string AuthenticationFix = "check the user name, password and authSource in mongodb.uri (or the x.509 certificate)";

    public static bool IsAuthentication(MongoException error) =>
        error.Domain is SaslDomain or ScramDomain
        || (error.Domain == ClientDomain && error.Code == 11)
        || (error.Domain == MongoErrors.ServerDomain && error.Code == 18);

    public static bool IsUnreachable(MongoException error) => error.Domain is ServerSelectionDomain or StreamDomain;

    /// <summary>The failure of the first command (hello): unreachable, refused credentials, or something else.</summary>
    public static string ConnectFix(MongoException error) => IsAuthentication(error) ? AuthenticationFix : ReachFix;

    /// <summary>The fix for a change stream that would not open on <paramref name="scope"/> (see <see cref="MongoScope"/>).</summary>
    public static string ChangeStreamFix(MongoException error, MongoScope scope)
    {
        if (IsAuthentication(error))
        {
            return AuthenticationFix;
        }

        if (error.Domain != MongoErrors.ServerDomain)
        {
            return IsUnreachable(error) ? ReachFix : "see the error above; the connector would fail the same way";
        }

        return error.Code switch
        {
            13 => $"grant the connector's user the changeStream and find actions on {scope.Resource} ({scope.RoleHint})",
            40573 or 166 or 59 or 115 => "change streams need a replica set or a sharded cluster: point mongodb.uri at one (a single-node replica set works: mongod --replSet rs0, then rs.initiate())",
            47 => "enable pre- and post-images on the watched collections (collMod with changeStreamPreAndPostImages: {enabled: true}) or set mongodb.fullDocument / mongodb.fullDocumentBeforeChange to whenAvailable",
            2 or 9 or 14 or 40324 or 40415 or 50865 or 40674 or 72 or 73 => "the server refused the stream's pipeline or options: correct mongodb.pipeline (only $match, $project, $addFields, $set, $unset, $replaceRoot, $redact and must keep _id), mongodb.fullDocument or mongodb.fullDocumentBeforeChange",
            _ => "see the server's error above; the connector would fail the same way",
        };
    }
}
