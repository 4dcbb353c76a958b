using Cdc.Schemas.Bson;

namespace Cdc.Schemas.Mapping;

/// <summary>
/// Spans into one event's BSON for the fields the envelope needs, filled by <see cref="ChangeEventScanner"/>.
/// A document span is empty when the field is absent or BSON null (a BSON document is never empty: at least 5 bytes).
/// </summary>
internal ref struct ChangeEventFields
{
    public ReadOnlySpan<byte> ResumeToken;
    public ReadOnlySpan<byte> OperationType;
    public BsonTimestamp ClusterTime;
    public bool HasWallTime;
    public long WallTime;

    public bool HasNs;
    public ReadOnlySpan<byte> NsDb;
    public bool HasNsColl;
    public ReadOnlySpan<byte> NsColl;

    public bool HasTo;
    public ReadOnlySpan<byte> ToDb;
    public bool HasToColl;
    public ReadOnlySpan<byte> ToColl;

    public ReadOnlySpan<byte> DocumentKey;
    public ReadOnlySpan<byte> FullDocument;
    public ReadOnlySpan<byte> FullDocumentBeforeChange;
    public ReadOnlySpan<byte> Lsid;
    public ReadOnlySpan<byte> OperationDescription;

    public bool HasTxnNumber;
    public long TxnNumber;

    public bool HasUpdateDescription;
    public ReadOnlySpan<byte> UpdatedFields;

    /// <summary>The BSON array of removed field names, or empty when absent.</summary>
    public ReadOnlySpan<byte> RemovedFields;
    public int RemovedFieldCount;

    /// <summary>The BSON array of <c>{field, newSize}</c> documents, or empty when absent.</summary>
    public ReadOnlySpan<byte> TruncatedArrays;
    public int TruncatedArrayCount;

    public ReadOnlySpan<byte> DisambiguatedPaths;

    /// <summary>Absolute offsets of the document fields, so errors found while rendering them name the event offset.</summary>
    public int DocumentKeyOffset;
    public int FullDocumentOffset;
    public int FullDocumentBeforeChangeOffset;
    public int LsidOffset;
    public int OperationDescriptionOffset;
    public int UpdatedFieldsOffset;
    public int DisambiguatedPathsOffset;
}
