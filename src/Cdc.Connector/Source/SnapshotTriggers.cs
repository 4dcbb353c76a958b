namespace Cdc.Connector.Source;

/// <summary>Why a collection is snapshotted, as the checkpoint and the logs name it.</summary>
internal static class SnapshotTriggers
{
    /// <summary>snapshot.mode initial or initialOnly, on the pipeline's first start.</summary>
    public const string Initial = "initial";

    /// <summary>snapshot.mode whenNeeded, after the resume position was lost.</summary>
    public const string HistoryLost = "historyLost";

    /// <summary>`cdc snapshot`, while the connector runs.</summary>
    public const string Requested = "requested";
}
