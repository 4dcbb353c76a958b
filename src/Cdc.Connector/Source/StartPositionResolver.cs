using Cdc.Connector.Checkpoint;

namespace Cdc.Connector.Source;

/// <summary>STUB (contract): committed checkpoint → configured startAt (latest | timestamp:N) → now.</summary>
internal static class StartPositionResolver
{
    public static StartPosition Resolve(StoredCheckpoint? committed, string startAt) =>
        throw new NotImplementedException((committed?.Pipeline ?? string.Empty) + startAt);
}
