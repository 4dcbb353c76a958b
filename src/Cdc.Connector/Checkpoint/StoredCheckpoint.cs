using Cdc.Connector.Source;

namespace Cdc.Connector.Checkpoint;

/// <summary>What a checkpoint store keeps for one pipeline: the committed position and when it was committed.</summary>
internal sealed record StoredCheckpoint(string Pipeline, ResumePosition Position, DateTimeOffset CommittedAt);
