namespace Cdc.Connector.Configuration;

/// <summary>mongodb.onHistoryLost: what the connector does when its resume token is gone from the oplog (286) or rejected (260, 280).</summary>
internal enum HistoryLostAction
{
    Fail,
    RestartFromNow,
}
