namespace Cdc.Connector.Source;

/// <summary>What <see cref="PipelineSource.Read"/> returned.</summary>
internal enum SourceRead
{
    /// <summary>A change event from the stream.</summary>
    ChangeEvent,

    /// <summary>A snapshot row, shaped as a change event with operationType "snapshot" and the emitting position's token as <c>_id</c>.</summary>
    SnapshotRow,

    /// <summary>
    /// A snapshot chunk's end: no record, only a new offset (<see cref="PipelineSource.Snapshot"/>) at the position's token,
    /// committable once the chunk's rows (and everything before) are acknowledged.
    /// </summary>
    SnapshotProgress,

    /// <summary>A batch of the stream ended; the item is its postBatchResumeToken (possibly empty).</summary>
    Heartbeat,

    /// <summary>The stream closed after an invalidate event.</summary>
    Closed,
}
