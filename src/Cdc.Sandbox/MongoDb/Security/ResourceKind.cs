namespace Cdc.Sandbox.MongoDb.Security;

/// <summary>The three shapes of a MongoDB privilege resource.</summary>
internal enum ResourceKind
{
    Namespace,
    Cluster,
    AnyResource,
}
