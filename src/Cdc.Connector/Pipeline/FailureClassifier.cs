using Cdc.Connector.Checkpoint;
using Cdc.Connector.Configuration;
using Cdc.Connector.MongoDb;
using Cdc.Connector.Observability;
using Cdc.Connector.Registry;
using Cdc.Connector.Sink;
using Cdc.Connector.Source;
using Cdc.Schemas.Mapping;
using Confluent.Kafka;

namespace Cdc.Connector.Pipeline;

/// <summary>
/// The one classifier of failures: from what ended a cycle (or a probe of `cdc check`), the action, the metric kind,
/// the summary and the fix. MongoDB failures arrive already translated (<see cref="MongoFailureTranslator"/>), so this
/// decides on their <see cref="MongoFailureKind"/>, never on driver types or server codes.
/// </summary>
internal static class FailureClassifier
{
    /// <param name="failure">What ended the cycle.</param>
    /// <param name="settings">The policies (mongodb.onHistoryLost), the watch target and how the checkpoint is removed.</param>
    /// <param name="position">Where the stream was to resume, as <see cref="Source.ResumePosition.Describe"/> words it; null for its start.</param>
    public static FailureVerdict Classify(Exception failure, PipelineSettings settings, string? position)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(settings);
        return failure switch
        {
            MongoFailureException mongo => Mongo(mongo, settings, position),
            RecordTooLargeException or DeadLetterUnavailableException or UnresumableEventException => Stop(ErrorKinds.Event, failure),
            SplitEventException split => split.ReopenHelps ? Restart(ErrorKinds.Source, failure) : Stop(ErrorKinds.Source, failure),
            SchemaIdRegistrationException => Stop(ErrorKinds.SchemaRegistry, failure),
            RegistryRequestException => Restart(ErrorKinds.SchemaRegistry, failure),
            ConfigurationException => Stop(ErrorKinds.Other, failure),

            // A namespace's topic, first resolved at its first event, collides with another topic of the configuration:
            // every restart would stop at the same event.
            TopicCollisionException => Stop(ErrorKinds.Other, failure),

            // MongoDB's timeouts never arrive here as TimeoutException (the adapter translates them): what does is the
            // pipeline's own wait for Kafka's acknowledgements.
            KafkaDeliveryException or KafkaException or TimeoutException => Restart(ErrorKinds.Kafka, failure),
            CheckpointStoreException => Restart(ErrorKinds.Checkpoint, failure),

            // Another instance writes the checkpoint now: a restart would fight it.
            WriterFencedException => Stop(ErrorKinds.Checkpoint, failure),

            // Programming errors would fail the same way on every restart; looping on them helps no one.
            NotImplementedException or NullReferenceException or InvalidOperationException or ArgumentException => Stop(ErrorKinds.Other, failure),
            _ => Restart(ErrorKinds.Other, failure),
        };
    }

    private static FailureVerdict Mongo(MongoFailureException mongo, PipelineSettings settings, string? position)
    {
        if (mongo.IsPositionLost)
        {
            var summary = "the change stream cannot resume: " + MongoFailureAdvice.PositionLostSummary(mongo, position ?? "its start position");
            if (settings.SnapshotMode == SnapshotMode.WhenNeeded)
            {
                return new FailureVerdict(
                    FailureAction.RestartWithSnapshot,
                    ErrorKinds.ResumePositionLost,
                    summary + "; snapshot.mode=whenNeeded: continuing from now and snapshotting every collection in scope again (changes made while the position was lost arrive as snapshot rows; documents deleted meanwhile are not re-announced)",
                    null);
            }

            return settings.RestartFromNowOnHistoryLost
                ? new FailureVerdict(FailureAction.RestartFromNow, ErrorKinds.ResumePositionLost, summary + "; mongodb.onHistoryLost=restartFromNow: continuing from now", null)
                : new FailureVerdict(FailureAction.Stop, ErrorKinds.ResumePositionLost, summary, MongoFailureAdvice.PositionLostFix(mongo.Kind, settings.CheckpointRemovalHint));
        }

        // A transient failure (an election, a dropped connection) needs no fix from anyone: the restart is the remedy.
        var fix = mongo.Kind == MongoFailureKind.Transient ? null : MongoFailureAdvice.Fix(mongo, settings.Target, settings.CheckpointRemovalHint);
        return mongo.IsRetryable
            ? new FailureVerdict(FailureAction.RestartFromCheckpoint, ErrorKinds.Source, mongo.Message, fix)
            : new FailureVerdict(FailureAction.Stop, ErrorKinds.Source, mongo.Message, fix);
    }

    private static FailureVerdict Stop(string kind, Exception failure) => new(FailureAction.Stop, kind, failure.Message, null);

    private static FailureVerdict Restart(string kind, Exception failure) => new(FailureAction.RestartFromCheckpoint, kind, failure.Message, null);
}
