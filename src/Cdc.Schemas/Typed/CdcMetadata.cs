using Cdc.Schemas.Bson;

namespace Cdc.Schemas.Typed;

/// <summary>
/// The <c>__cdc</c> record of a typed value: where the change came from and where the stream was. Spans into the
/// event's bytes, so building one allocates nothing. A delete carries <see cref="DeleteOperation"/> and every
/// document field null.
/// </summary>
internal readonly ref struct CdcMetadata
{
    /// <summary>The change stream's operationType ("insert", "update", "replace", "delete", "snapshot", …) as UTF-8.</summary>
    public ReadOnlySpan<byte> Operation { get; init; }

    public ReadOnlySpan<byte> Database { get; init; }

    /// <summary>Only read when <see cref="HasCollection"/>: database-level events have none.</summary>
    public ReadOnlySpan<byte> Collection { get; init; }

    public bool HasCollection { get; init; }

    /// <summary><c>_id._data</c> of the change event.</summary>
    public ReadOnlySpan<byte> ResumeToken { get; init; }

    public BsonTimestamp ClusterTime { get; init; }

    /// <summary>UTC milliseconds since the Unix epoch; only read when <see cref="HasWallTime"/>.</summary>
    public long WallTimeMilliseconds { get; init; }

    public bool HasWallTime { get; init; }

    public static ReadOnlySpan<byte> DeleteOperation => "delete"u8;
}
