namespace Cdc.Connector.Source;

internal enum ChangeStreamRead
{
    /// <summary>An event was returned.</summary>
    Event,

    /// <summary>The batch ended with no further event (maxAwaitTimeMS passed): the postBatchResumeToken is current.</summary>
    BatchEnd,

    /// <summary>The server closed the stream after an invalidate event; reopen (startAfter) or stop.</summary>
    Closed,
}
