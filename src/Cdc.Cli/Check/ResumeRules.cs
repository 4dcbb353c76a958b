using Cdc.Connector.Configuration;
using Cdc.Connector.MongoDb;
using Cdc.Connector.Pipeline;

namespace Cdc.Cli.Check;

/// <summary>
/// Whether the stream can open at the stored position (or mongodb.startAt), judged by the server's answer to opening
/// it there, with the words and fixes of <see cref="FailureClassifier"/>: a position gone from the oplog (286/136) or
/// refused (260/280) is what `cdc run` stops on, or continues from now past when mongodb.onHistoryLost says so.
/// </summary>
internal static class ResumeRules
{
    public const string Name = "resumable";

    /// <param name="failure">Null when the stream opened.</param>
    /// <param name="position">The position as <see cref="Connector.Source.ResumePosition.Describe"/> words it.</param>
    /// <param name="options">The configuration: policies, scope, and how the checkpoint is removed.</param>
    public static CheckResult Evaluate(Exception? failure, string position, CdcOptions options)
    {
        var area = CheckAreas.Checkpoint;
        if (failure is null)
        {
            return CheckResult.Pass(area, Name, $"the change stream opens at {position}");
        }

        var verdict = FailureClassifier.Classify(failure, PipelineSettings.From(options), position);
        if (failure is not MongoFailureException mongo)
        {
            return CheckResult.Fail(area, Name, $"opening the change stream at {position} gave {failure.Message}", verdict.Fix ?? MongoFailureAdvice.ReachFix);
        }

        if (mongo.IsPositionLost)
        {
            var summary = MongoFailureAdvice.PositionLostSummary(mongo, position);
            return verdict.Action == FailureAction.RestartFromNow
                ? CheckResult.Warn(area, Name, summary, "`cdc run` will continue from now (mongodb.onHistoryLost=restartFromNow), skipping the changes since; set mongodb.onHistoryLost=fail to stop instead")
                : CheckResult.Fail(area, Name, summary, verdict.Fix!);
        }

        return CheckResult.Fail(area, Name, $"cannot open the change stream at {position}: {mongo.Reason}", verdict.Fix ?? MongoFailureAdvice.ReachFix);
    }
}
