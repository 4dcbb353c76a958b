namespace Cdc.Connector.Configuration;

/// <summary>mongodb.scope: what one change stream watches.</summary>
internal enum WatchScope
{
    Cluster,
    Database,
    Collection,
}
