namespace Cdc.Connector.Source;

/// <summary>
/// The fragments of a split change event (<c>$changeStreamSplitLargeEvent</c>) did not come as one whole sequence, so
/// the event cannot be reassembled; the message says how it happened and what to do.
/// </summary>
internal sealed class SplitEventException : Exception
{
    public SplitEventException()
        : base("A split change event could not be reassembled.")
    {
    }

    public SplitEventException(string message)
        : base(message)
    {
    }

    public SplitEventException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>
    /// True when reopening from the committed position (which is never inside a split event) reads the event whole;
    /// false when the stream's start itself lies inside one, where every reopen would fail the same way.
    /// </summary>
    public bool ReopenHelps { get; init; }
}
