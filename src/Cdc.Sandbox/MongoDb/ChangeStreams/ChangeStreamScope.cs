namespace Cdc.Sandbox.MongoDb.ChangeStreams;

/// <summary>What a change stream watches: one collection, one database, or every database (allChangesForCluster).</summary>
internal enum ChangeStreamScope
{
    Collection,
    Database,
    Cluster,
}
