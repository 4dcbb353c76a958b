using Cdc.Schemas.Bson;

namespace Cdc.Connector.Source;

/// <summary>A closed window and the stream position its rows are emitted at (their token and cluster time).</summary>
internal sealed record SnapshotEmission(SnapshotWindow Window, byte[] Token, BsonTimestamp Time);
