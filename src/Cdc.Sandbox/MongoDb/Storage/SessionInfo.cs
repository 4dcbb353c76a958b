namespace Cdc.Sandbox.MongoDb.Storage;

/// <summary>The logical session and transaction number a write carried, recorded on its oplog entries.</summary>
internal sealed record SessionInfo(byte[]? Lsid, long? TxnNumber)
{
    public static SessionInfo None { get; } = new(null, null);
}
