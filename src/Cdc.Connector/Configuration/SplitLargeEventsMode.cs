namespace Cdc.Connector.Configuration;

/// <summary>
/// mongodb.splitLargeEvents: whether the change stream ends with <c>$changeStreamSplitLargeEvent</c>, so that an event
/// over 16 MB arrives as fragments the connector reassembles instead of failing the stream (BSONObjectTooLarge).
/// </summary>
internal enum SplitLargeEventsMode
{
    /// <summary>Append the stage when the server supports it (MongoDB 7.0 or later, 6.0.9 or a later 6.0 release).</summary>
    Auto,

    /// <summary>Never append it: an event over 16 MB stops the connector, with the fix.</summary>
    Off,
}
