namespace Cdc.Schemas.Bson;

/// <summary>A BSON Timestamp: stored little-endian as increment (low 4 bytes) then seconds (high 4 bytes).</summary>
internal readonly record struct BsonTimestamp(uint Seconds, uint Increment);
