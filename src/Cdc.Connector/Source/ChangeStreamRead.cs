namespace Cdc.Connector.Source;

internal enum ChangeStreamRead
{
    /// <summary>An event was returned.</summary>
    Event,

    /// <summary>A batch from the server was consumed (an empty one after maxAwaitTimeMS with nothing new): the postBatchResumeToken is current.</summary>
    BatchEnd,

    /// <summary>The server closed the stream after an invalidate event; reopen (startAfter) or stop.</summary>
    Closed,
}
