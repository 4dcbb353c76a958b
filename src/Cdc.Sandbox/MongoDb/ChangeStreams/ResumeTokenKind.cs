namespace Cdc.Sandbox.MongoDb.ChangeStreams;

/// <summary>
/// What a resume token marks. The numeric values order tokens of one oplog position: a high-water mark "before entry
/// N" sorts before the event of entry N, which sorts before the invalidate that event causes.
/// </summary>
internal enum ResumeTokenKind : byte
{
    HighWaterMark = 0,
    Event = 1,
    Invalidate = 2,
}
