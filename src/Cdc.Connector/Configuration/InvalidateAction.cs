namespace Cdc.Connector.Configuration;

/// <summary>mongodb.onInvalidate: what the connector does after an invalidate event (collection dropped or renamed, database dropped).</summary>
internal enum InvalidateAction
{
    Reopen,
    Stop,
}
