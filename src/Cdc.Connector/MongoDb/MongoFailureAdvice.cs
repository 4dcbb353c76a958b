using Cdc.Connector.Source;

namespace Cdc.Connector.MongoDb;

/// <summary>
/// What to do about a MongoDB failure, by its <see cref="MongoFailureKind"/>: the fix that `cdc run` logs when it stops
/// and `cdc check` prints beside a failed check. Positions that are lost get their fix from
/// <see cref="PositionLostFix"/>, which needs to know how this pipeline's checkpoint is removed.
/// </summary>
internal static class MongoFailureAdvice
{
    public const string ReachFix = "check the hosts, replicaSet and tls options of mongodb.uri, that the server is up, and that this machine can reach it (firewall, DNS)";

    public const string AuthenticationFix = "check the user name, password and authSource in mongodb.uri (or the x.509 certificate)";

    /// <summary>What to do about a change event MongoDB cannot return (over 16 MB): `cdc run` stops on one, `cdc inspect` says so.</summary>
    public const string EventTooLargeFix =
        "on MongoDB 7.0 or later (or 6.0.9 or a later 6.0) set mongodb.splitLargeEvents=auto, the default: the server then splits such an event into fragments " +
        "and the connector reassembles them (docs/large-events.md); otherwise make the change events smaller than 16 MB: leave out the images the consumers do not need (mongodb.fullDocument=default, " +
        "mongodb.fullDocumentBeforeChange=off) or drop large fields with a $project or $unset stage in mongodb.pipeline; the stream then " +
        "resumes from the committed position and reads that event in its smaller form";

    public const string StandaloneFix = "change streams need a replica set or a sharded cluster: point mongodb.uri at one (a single-node replica set works: mongod --replSet rs0, then rs.initiate())";

    public static string Fix(MongoFailureException failure, WatchTarget target, string checkpointRemoval)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(target);
        return failure.Kind switch
        {
            MongoFailureKind.Transient or MongoFailureKind.Unreachable => ReachFix,
            MongoFailureKind.Authentication => AuthenticationFix,
            MongoFailureKind.Unauthorized => $"grant the connector's user the changeStream and find actions on {target.Resource} ({target.RoleHint})",
            MongoFailureKind.UnsupportedDeployment => StandaloneFix,
            MongoFailureKind.ImageMissing => "enable pre- and post-images on the watched collections (collMod with changeStreamPreAndPostImages: {enabled: true}) or set mongodb.fullDocument / mongodb.fullDocumentBeforeChange to whenAvailable",
            MongoFailureKind.RejectedRequest => "the server refused the stream's pipeline or options: correct mongodb.pipeline (only $match, $project, $addFields, $set, $unset, $replaceRoot, $redact, and it must keep _id), mongodb.fullDocument, mongodb.fullDocumentBeforeChange, mongodb.collation or mongodb.showExpandedEvents",
            MongoFailureKind.EventTooLarge => EventTooLargeFix,
            MongoFailureKind.ClientConfiguration => "correct mongodb.uri: the MongoDB driver cannot use it as it is (see the error)",
            MongoFailureKind.HistoryLost or MongoFailureKind.InvalidToken => PositionLostFix(failure.Kind, checkpointRemoval),
            _ => "see the error; the connector would fail the same way",
        };
    }

    /// <summary>The fix for a position gone from the oplog (286) or refused (260/280).</summary>
    public static string PositionLostFix(MongoFailureKind kind, string checkpointRemoval) => kind == MongoFailureKind.HistoryLost
        ? $"set mongodb.onHistoryLost=restartFromNow (continues from now, skipping the lost changes) or {checkpointRemoval} to start from mongodb.startAt; give the oplog a longer window so a stopped connector can resume"
        : $"check that mongodb.uri, mongodb.scope and pipeline.name are those that saved it; otherwise set mongodb.onHistoryLost=restartFromNow or {checkpointRemoval}";

    /// <summary>What a lost position means, naming it: "the stored token 82AB… is no longer in the oplog (…): …".</summary>
    public static string PositionLostSummary(MongoFailureException failure, string position)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var code = failure.CodeText ?? "no code";
        return failure.Kind == MongoFailureKind.HistoryLost
            ? $"{position} is no longer in the oplog ({code}): the changes since then cannot be read"
            : $"the server refuses {position} ({code}): it is not a position of this stream (another scope, pipeline or cluster?)";
    }
}
