namespace Cdc.Connector.LiveView;

/// <summary>
/// One message for the live view's clients: a change (encoded only when a client is about to send it, once for all of
/// them, so changes a stalled client drops unread cost no encoding) or an encoded status.
/// </summary>
internal readonly record struct LiveMessage
{
    private readonly byte[]? _json;

    private LiveMessage(PendingLiveChange? change, byte[]? json)
    {
        Change = change;
        _json = json;
    }

    public PendingLiveChange? Change { get; }

    /// <summary>A change is counted when a client's queue drops it; a status is not (the next one replaces it).</summary>
    public bool IsChange => Change is not null;

    /// <summary>The UTF-8 JSON to send; throws <see cref="Cdc.Schemas.Bson.BsonFormatException"/> for a change whose bytes do not parse.</summary>
    public byte[] Json => Change?.Encoded ?? _json!;

    public static LiveMessage ForChange(PendingLiveChange change) => new(change, null);

    public static LiveMessage ForStatus(byte[] json) => new(null, json);
}
