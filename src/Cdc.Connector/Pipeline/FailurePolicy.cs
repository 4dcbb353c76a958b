using Cdc.Connector.Configuration;
using Cdc.Connector.Interop.Mongoc;
using Cdc.Connector.Sink;
using Cdc.Connector.Source;

namespace Cdc.Connector.Pipeline;

/// <summary>Decides, from what ended a cycle, whether the connector restarts (and from where) or stops.</summary>
internal static class FailurePolicy
{
    public static FailureAction Decide(Exception failure, PipelineSettings settings) => failure switch
    {
        MongoException mongo => SourceFailureClassifier.Classify(mongo) switch
        {
            SourceFailureKind.Transient => FailureAction.RestartFromCheckpoint,
            SourceFailureKind.HistoryLost or SourceFailureKind.InvalidToken when settings.RestartFromNowOnHistoryLost => FailureAction.RestartFromNow,
            _ => FailureAction.Stop,
        },
        RecordTooLargeException or DeadLetterUnavailableException or SchemaIdRegistrationException or UnresumableEventException
            or ConfigurationException => FailureAction.Stop,

        // Programming errors would fail the same way on every restart; looping on them helps no one.
        NotImplementedException or NullReferenceException or InvalidOperationException or ArgumentException => FailureAction.Stop,
        _ => FailureAction.RestartFromCheckpoint,
    };

    /// <summary>
    /// As <see cref="Describe(Exception, string?)"/>, for the action already decided: when the connector restarts from
    /// now, the line says so instead of advising the setting that is already in force.
    /// </summary>
    public static string Describe(Exception failure, string? position, FailureAction action) =>
        action == FailureAction.RestartFromNow && failure is MongoException mongo
            ? $"the change stream cannot resume from {position ?? "its start position"}: MongoDB error {mongo.Code} {mongo.CodeName}: {mongo.Message}. "
                + "The position is no longer in the oplog or is not valid, so changes since it cannot be read; mongodb.onHistoryLost=restartFromNow: continuing from now."
            : Describe(failure, position);

    /// <summary>One line for the user: what happened and, where the failure says, what to do.</summary>
    public static string Describe(Exception failure, string? position) => failure switch
    {
        MongoException mongo when SourceFailureClassifier.Classify(mongo) is SourceFailureKind.HistoryLost or SourceFailureKind.InvalidToken =>
            $"the change stream cannot resume from {position ?? "its start position"}: MongoDB error {mongo.Code} {mongo.CodeName}: {mongo.Message}. "
            + "The position is no longer in the oplog or is not valid, so changes since it cannot be read. "
            + "Set mongodb.onHistoryLost=restartFromNow to continue from now (those changes are skipped), or remove the checkpoint to start per mongodb.startAt.",
        MongoException mongo => $"MongoDB error {mongo.Code} {mongo.CodeName}: {mongo.Message}",
        _ => failure.Message,
    };
}
