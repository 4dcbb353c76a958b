namespace Cdc.Bench.CatchUp;

/// <summary>A backlog written with no connector running: where a catch-up starts, the documents' size and how fast they were written.</summary>
internal sealed record CatchUpBacklog(Cdc.Schemas.Bson.BsonTimestamp From, double BytesPerDocument, double WriteEventsPerSecond);
