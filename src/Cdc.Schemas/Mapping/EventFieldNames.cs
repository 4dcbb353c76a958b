namespace Cdc.Schemas.Mapping;

/// <summary>Recognises top-level field names from their UTF-8 bytes, dispatching on length first so most names cost one compare.</summary>
internal static class EventFieldNames
{
    public static EventField Identify(ReadOnlySpan<byte> name) => name.Length switch
    {
        2 => name.SequenceEqual("ns"u8) ? EventField.Ns : name.SequenceEqual("to"u8) ? EventField.To : EventField.None,
        3 => name.SequenceEqual("_id"u8) ? EventField.Id : EventField.None,
        4 => name.SequenceEqual("lsid"u8) ? EventField.Lsid : EventField.None,
        8 => name.SequenceEqual("wallTime"u8) ? EventField.WallTime : EventField.None,
        9 => name.SequenceEqual("txnNumber"u8) ? EventField.TxnNumber : EventField.None,
        11 => name.SequenceEqual("clusterTime"u8) ? EventField.ClusterTime
            : name.SequenceEqual("documentKey"u8) ? EventField.DocumentKey : EventField.None,
        12 => name.SequenceEqual("fullDocument"u8) ? EventField.FullDocument : EventField.None,
        13 => name.SequenceEqual("operationType"u8) ? EventField.OperationType : EventField.None,
        17 => name.SequenceEqual("updateDescription"u8) ? EventField.UpdateDescription : EventField.None,
        20 => name.SequenceEqual("operationDescription"u8) ? EventField.OperationDescription : EventField.None,
        24 => name.SequenceEqual("fullDocumentBeforeChange"u8) ? EventField.FullDocumentBeforeChange : EventField.None,
        _ => EventField.None,
    };

    public static string NameOf(EventField field) => field switch
    {
        EventField.Id => "_id",
        EventField.OperationType => "operationType",
        EventField.ClusterTime => "clusterTime",
        EventField.WallTime => "wallTime",
        EventField.Ns => "ns",
        EventField.DocumentKey => "documentKey",
        EventField.FullDocument => "fullDocument",
        EventField.FullDocumentBeforeChange => "fullDocumentBeforeChange",
        EventField.UpdateDescription => "updateDescription",
        EventField.TxnNumber => "txnNumber",
        EventField.Lsid => "lsid",
        EventField.To => "to",
        EventField.OperationDescription => "operationDescription",
        _ => "(event)",
    };
}
