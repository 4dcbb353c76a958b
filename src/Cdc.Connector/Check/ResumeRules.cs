using Cdc.Connector.Configuration;
using Cdc.Connector.Interop.Mongoc;

namespace Cdc.Connector.Check;

/// <summary>
/// Whether the stream can open at the stored position (or mongodb.startAt), judged by the server's answer to opening
/// it there: 286 ChangeStreamHistoryLost / 136 CappedPositionLost (out of the oplog) and 260 InvalidResumeToken /
/// 280 ChangeStreamFatalError (not a token of this stream) are what `cdc run` stops on, with the same fixes.
/// </summary>
internal static class ResumeRules
{
    public const string Name = "resumable";

    /// <param name="failure">Null when the stream opened.</param>
    /// <param name="position">The position as <see cref="Checkpoint.ResumePosition.Describe"/> words it.</param>
    /// <param name="options">The configuration, for the deletion hint and the scope.</param>
    public static CheckResult Evaluate(Exception? failure, string position, CdcOptions options)
    {
        var area = CheckAreas.Checkpoint;
        if (failure is null)
        {
            return CheckResult.Pass(area, Name, $"the change stream opens at {position}");
        }

        if (failure is not MongoException mongo)
        {
            return CheckResult.Fail(area, Name, $"opening the change stream at {position} gave {failure.Message}", MongoFailureAdvice.ReachFix);
        }

        var deletion = CheckpointDeletion.Hint(options);
        if (mongo.Domain == MongoErrors.ServerDomain && mongo.Code is 286 or 136)
        {
            return CheckResult.Fail(area, Name,
                $"{position} is no longer in the oplog ({mongo.CodeName ?? "ChangeStreamHistoryLost"}, code {mongo.Code}): the changes since then cannot be read",
                $"set mongodb.onHistoryLost=restartFromNow (continues from now, skipping the lost changes) or {deletion} to start from mongodb.startAt; give the oplog a longer window so a stopped connector can resume");
        }

        if (mongo.Domain == MongoErrors.ServerDomain && mongo.Code is 260 or 280)
        {
            return CheckResult.Fail(area, Name,
                $"the server refuses {position} ({mongo.CodeName ?? "InvalidResumeToken"}, code {mongo.Code}): it is not a position of this stream (another scope, pipeline or cluster?)",
                $"check that mongodb.uri, mongodb.scope and pipeline.name are those that saved it; otherwise set mongodb.onHistoryLost=restartFromNow or {deletion}");
        }

        return CheckResult.Fail(area, Name, $"cannot open the change stream at {position}: {mongo.Message}", MongoFailureAdvice.ChangeStreamFix(mongo, MongoScope.From(options.MongoDb)));
    }
}
