using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Source;

/// <summary>The change-stream source's log lines (event ids 1100–1199).</summary>
internal static partial class SourceLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Opening the change stream on {Scope} with {Start}: {Reason}")]
    public static partial void Opening(ILogger logger, string scope, string start, string reason);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Starting just after the server's current operation time, at {Seconds}.{Increment} (startAtOperationTime), so nothing written after this moment is missed")]
    public static partial void CapturedOperationTime(ILogger logger, uint seconds, uint increment);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Change stream open on {Scope}")]
    public static partial void Opened(ILogger logger, string scope);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "The change stream on {Scope} was invalidated (collection dropped or renamed, or database dropped); the server closed the cursor")]
    public static partial void Closed(ILogger logger, string scope);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "Opening the change stream on {Scope} failed: {Message}")]
    public static partial void OpenFailed(ILogger logger, string scope, string message);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Debug, Message = "Change stream pipeline: {Pipeline}")]
    public static partial void Pipeline(ILogger logger, string pipeline);

    [LoggerMessage(EventId = 1110, Level = LogLevel.Debug, Message = "Snapshot of {Database}.{Collection}: read a chunk of {Rows} documents (read time {Seconds}.{Increment})")]
    public static partial void SnapshotChunkRead(ILogger logger, string database, string collection, int rows, uint seconds, uint increment);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Information, Message = "Snapshot of {Namespace} complete: {Rows} rows published ({Trigger}); {Remaining} collections left")]
    public static partial void SnapshotCollectionDone(ILogger logger, string @namespace, long rows, string trigger, int remaining);

    [LoggerMessage(EventId = 1112, Level = LogLevel.Warning, Message = "Snapshot of {Namespace} ends early: the stream shows the collection {What}, so nothing more of it exists to read ({Rows} rows published)")]
    public static partial void SnapshotCollectionGone(ILogger logger, string @namespace, string what, long rows);

    [LoggerMessage(EventId = 1113, Level = LogLevel.Warning, Message = "Snapshot requested (request {RequestId}, by {RequestedBy}) of {Collections}: {Outcome}")]
    public static partial void SnapshotRequested(ILogger logger, string requestId, string collections, string requestedBy, string outcome);

    [LoggerMessage(EventId = 1120, Level = LogLevel.Information, Message = "Change events over 16 MB: the stream on {Scope} ends with $changeStreamSplitLargeEvent (MongoDB {Version}) and their fragments are reassembled into one event")]
    public static partial void SplittingLargeEvents(ILogger logger, string scope, string version);

    [LoggerMessage(EventId = 1121, Level = LogLevel.Warning, Message = "MongoDB {Version} cannot split change events over 16 MB ($changeStreamSplitLargeEvent needs 7.0 or later, or 6.0.9 or a later 6.0): such an event stops the connector (BSONObjectTooLarge); upgrade the server, or keep events smaller (docs/large-events.md)")]
    public static partial void CannotSplitLargeEvents(ILogger logger, string version);

    [LoggerMessage(EventId = 1122, Level = LogLevel.Information, Message = "A change event over 16 MB arrives in {Fragments} fragments ({FirstBytes} bytes in the first); reassembling it before it is mapped")]
    public static partial void SplitEventStarted(ILogger logger, int fragments, int firstBytes);

    [LoggerMessage(EventId = 1123, Level = LogLevel.Information, Message = "Reassembled a change event of {Bytes} bytes from {Fragments} fragments")]
    public static partial void SplitEventAssembled(ILogger logger, int bytes, int fragments);
}
