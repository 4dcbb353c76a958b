using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Pipeline;

/// <summary>Log events of the pipeline (ids 100–199).</summary>
internal static partial class PipelineLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information,
        Message = "Pipeline {Name} watching {Watching}; starting from {Position} ({Reason}); checkpoints in {Store}")]
    public static partial void Starting(ILogger logger, string name, string watching, string position, string reason, string store);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Change stream opened at {Position} ({Reason})")]
    public static partial void Opened(ILogger logger, string position, string reason);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Fresh start at the server's {Position}; checkpointed at once so a restart resumes there")]
    public static partial void StartCaptured(ILogger logger, string position);

    [LoggerMessage(EventId = 103, Level = LogLevel.Debug, Message = "Checkpoint committed: {Position}")]
    public static partial void CheckpointCommitted(ILogger logger, string position);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Checkpoint save to {Store} failed for {Position}; retrying at the next interval: {Problem}")]
    public static partial void CheckpointSaveFailed(ILogger logger, string store, string position, string problem);

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning, Message = "Change event {Token} ({OperationType}) sent to the dead-letter topic: {Problem}")]
    public static partial void EventDeadLettered(ILogger logger, string token, string operationType, string problem);

    [LoggerMessage(EventId = 124, Level = LogLevel.Warning,
        Message = "Change event {Token} ({OperationType} on {Namespace}) has a record of {RecordBytes} bytes for {Topic}, over message.max.bytes ({MessageMaxBytes}): sent a record describing it to the dead-letter topic (mapping.oversize=deadLetter)")]
    public static partial void OversizeDeadLettered(ILogger logger, string token, string operationType, string @namespace, long recordBytes, string topic, long messageMaxBytes);

    [LoggerMessage(EventId = 125, Level = LogLevel.Warning,
        Message = "Change event {Token} ({OperationType} on {Namespace}) had a record of {RecordBytes} bytes for {Topic}, over message.max.bytes ({MessageMaxBytes}): published with {Omitted} replaced by references, {ReferencedBytes} bytes (mapping.oversize=reference)")]
    public static partial void OversizeReferenced(
        ILogger logger, string token, string operationType, string @namespace, long recordBytes, string topic, long messageMaxBytes, string omitted, long referencedBytes);

    [LoggerMessage(EventId = 106, Level = LogLevel.Error, Message = "Pipeline cycle failed ({Kind}): {Problem}")]
    public static partial void CycleFailed(ILogger logger, string kind, string problem);

    [LoggerMessage(EventId = 107, Level = LogLevel.Warning, Message = "Restarting in {DelayMs} ms (failure {Attempt} in a row) from {Position} ({Origin})")]
    public static partial void Restarting(ILogger logger, long delayMs, int attempt, string position, string origin);

    [LoggerMessage(EventId = 108, Level = LogLevel.Error,
        Message = "RESUME POSITION LOST: {Position} cannot be resumed ({Problem}). mongodb.onHistoryLost=restartFromNow: restarting from now; "
            + "changes between that position and now are NOT published (history-lost restart #{Count})")]
    public static partial void HistoryLostRestart(ILogger logger, string position, string problem, long count);

    [LoggerMessage(EventId = 109, Level = LogLevel.Information, Message = "Stop requested: reading stopped, waiting up to {GraceMs} ms for outstanding deliveries")]
    public static partial void Stopping(ILogger logger, long graceMs);

    [LoggerMessage(EventId = 110, Level = LogLevel.Information, Message = "Stopped; committed position {Position}")]
    public static partial void Stopped(ILogger logger, string position);

    [LoggerMessage(EventId = 111, Level = LogLevel.Warning,
        Message = "{Outstanding} events still awaited Kafka's acknowledgement at the deadline; committed {Position}; those events will be re-published on restart")]
    public static partial void DeliveriesOutstanding(ILogger logger, long outstanding, string position);

    [LoggerMessage(EventId = 112, Level = LogLevel.Warning, Message = "Change stream invalidated (collection or database dropped or renamed) at {Position}; mongodb.onInvalidate={Policy}")]
    public static partial void Invalidated(ILogger logger, string position, string policy);

    [LoggerMessage(EventId = 113, Level = LogLevel.Critical, Message = "Connector stopping with an error: {Problem}")]
    public static partial void Fatal(ILogger logger, string problem);

    [LoggerMessage(EventId = 114, Level = LogLevel.Information,
        Message = "Stop: every delivery acknowledged after {WaitedMs} ms of the {GraceMs} ms grace (pipeline.shutdownGraceMs)")]
    public static partial void StopSettled(ILogger logger, long waitedMs, long graceMs);

    [LoggerMessage(EventId = 115, Level = LogLevel.Information,
        Message = "Stop: the {GraceMs} ms grace (pipeline.shutdownGraceMs) ended the wait for deliveries after {WaitedMs} ms")]
    public static partial void StopGraceEnded(ILogger logger, long graceMs, long waitedMs);

    [LoggerMessage(EventId = 116, Level = LogLevel.Information, Message = "Snapshot: {Decision}")]
    public static partial void SnapshotDecision(ILogger logger, string decision);

    [LoggerMessage(EventId = 117, Level = LogLevel.Information, Message = "Snapshot complete and committed at {Position}; snapshot.mode=initialOnly: stopping")]
    public static partial void SnapshotCompletedExit(ILogger logger, string position);

    [LoggerMessage(EventId = 118, Level = LogLevel.Information, Message = "Snapshot request {RequestId} of {Collections} accepted: its plan is committed, and the request is removed from the checkpoint store")]
    public static partial void SnapshotRequestAccepted(ILogger logger, string requestId, string collections);

    [LoggerMessage(EventId = 119, Level = LogLevel.Warning, Message = "Snapshot request {RequestId} is committed but could not be removed from {Store}: {Problem}; retrying after the next save")]
    public static partial void SnapshotRequestNotRemoved(ILogger logger, string requestId, string store, string problem);

    [LoggerMessage(EventId = 120, Level = LogLevel.Warning, Message = "Cannot read snapshot requests from {Store}: {Problem}; trying again in {Seconds} s")]
    public static partial void SnapshotRequestsUnreadable(ILogger logger, string store, string problem, int seconds);

    [LoggerMessage(EventId = 121, Level = LogLevel.Information, Message = "Schemas of {Registered} known namespaces registered before the first event, in {ElapsedMs} ms")]
    public static partial void SchemasPreRegistered(ILogger logger, int registered, long elapsedMs);

    [LoggerMessage(EventId = 122, Level = LogLevel.Warning,
        Message = "Registering the known namespaces' schemas before the first event stopped after {Registered} of {Total} ({ElapsedMs} ms): {Problem}; each other namespace's schemas are registered on its first event, as usual")]
    public static partial void SchemaPreRegistrationStopped(ILogger logger, int registered, string total, long elapsedMs, string problem);

    [LoggerMessage(EventId = 123, Level = LogLevel.Information,
        Message = "{Total} namespaces are known; the schemas of the first {Limit} are registered before the first event, the others' on their first event")]
    public static partial void SchemaPreRegistrationCapped(ILogger logger, int total, int limit);
}
