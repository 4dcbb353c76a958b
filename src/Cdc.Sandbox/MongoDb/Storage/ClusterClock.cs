using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.Storage;

/// <summary>
/// The replica set's logical clock: Timestamp(seconds, increment), strictly increasing across ticks even when the wall
/// clock stalls or steps back (the increment carries on within the last second used). Callers tick under the catalog lock.
/// </summary>
internal sealed class ClusterClock
{
    private readonly TimeProvider _time;
    private BsonTimestamp _last;

    public ClusterClock(TimeProvider time)
    {
        _time = time;
        _last = new BsonTimestamp((uint)time.GetUtcNow().ToUnixTimeSeconds(), 0);
    }

    public BsonTimestamp Current => _last;

    public BsonTimestamp Tick()
    {
        var now = (uint)_time.GetUtcNow().ToUnixTimeSeconds();
        _last = now > _last.Seconds ? new BsonTimestamp(now, 1) : new BsonTimestamp(_last.Seconds, checked(_last.Increment + 1));
        return _last;
    }

    public long WallTimeMilliseconds => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>
    /// Timestamp(wall-clock seconds, 0): below every timestamp a later <see cref="Tick"/> can return (ticks start at
    /// increment 1), so a high-water mark carrying it still sorts before the events written after it was read.
    /// </summary>
    public BsonTimestamp WallFloor => new((uint)_time.GetUtcNow().ToUnixTimeSeconds(), 0);
}
