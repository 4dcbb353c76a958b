namespace Cdc.Schemas.Mapping;

/// <summary>The top-level change event fields the envelope reads; flag values so duplicates are caught with one mask.</summary>
[Flags]
internal enum EventField
{
    None = 0,
    Id = 1 << 0,
    OperationType = 1 << 1,
    ClusterTime = 1 << 2,
    WallTime = 1 << 3,
    Ns = 1 << 4,
    DocumentKey = 1 << 5,
    FullDocument = 1 << 6,
    FullDocumentBeforeChange = 1 << 7,
    UpdateDescription = 1 << 8,
    TxnNumber = 1 << 9,
    Lsid = 1 << 10,
    To = 1 << 11,
    OperationDescription = 1 << 12,
}
