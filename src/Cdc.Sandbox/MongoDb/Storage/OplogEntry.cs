using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.Storage;

/// <summary>
/// One committed change, in commit order. Images are BSON snapshots taken at commit (immutable, cheap to hand to any
/// number of change streams). <see cref="PreImage"/> is kept only when the collection had changeStreamPreAndPostImages
/// enabled at that moment, like the server's pre-image collection; <see cref="PostImage"/> is always kept so
/// <c>fullDocument: whenAvailable/required</c> and <c>updateLookup</c> can be answered from the entry.
/// </summary>
internal sealed record OplogEntry
{
    public long Sequence { get; init; }

    public required BsonTimestamp ClusterTime { get; init; }

    public required long WallTimeMilliseconds { get; init; }

    public required OplogOperation Operation { get; init; }

    public required string Database { get; init; }

    /// <summary>Null for database-level entries (dropDatabase).</summary>
    public string? Collection { get; init; }

    public Guid? CollectionUuid { get; init; }

    /// <summary>BSON <c>{_id: …}</c> for document operations.</summary>
    public byte[]? DocumentKey { get; init; }

    public byte[]? PostImage { get; init; }

    public byte[]? PreImage { get; init; }

    public bool PreAndPostImagesEnabled { get; init; }

    public UpdateDescription? UpdateDescription { get; init; }

    /// <summary>For rename: the new namespace.</summary>
    public string? TargetDatabase { get; init; }

    public string? TargetCollection { get; init; }

    /// <summary>Options or index specs for create/modify/createIndexes entries (expanded events).</summary>
    public Doc? OperationDescription { get; init; }

    public byte[]? Lsid { get; init; }

    public long? TxnNumber { get; init; }

    /// <summary>
    /// True for an operation of a committed multi-document transaction (logged inside a shared cluster time). Only
    /// these events carry lsid/txnNumber: a server adds them for transaction operations, not for retryable writes.
    /// </summary>
    public bool InTransaction { get; init; }
}
