namespace Cdc.Sandbox.MongoDb.Security;

/// <summary>
/// What a privilege applies to, in mongod's terms: the cluster; {db, collection} where an empty db means any database
/// and an empty collection any collection of it; or anyResource (root). Also used for what a command needs, where a
/// database-wide change stream needs {db, ""} and a whole-cluster stream {"", ""}.
/// </summary>
internal readonly record struct ResourcePattern(ResourceKind Kind, string Database, string Collection)
{
    public static ResourcePattern Cluster { get; } = new(ResourceKind.Cluster, "", "");

    public static ResourcePattern AnyResource { get; } = new(ResourceKind.AnyResource, "", "");

    public static ResourcePattern AnyNormalResource { get; } = new(ResourceKind.Namespace, "", "");

    public static ResourcePattern OnDatabase(string database) => new(ResourceKind.Namespace, database, "");

    public static ResourcePattern OnCollection(string database, string collection) => new(ResourceKind.Namespace, database, collection);

    /// <summary>Whether a privilege on this pattern covers the <paramref name="required"/> resource.</summary>
    public bool Covers(ResourcePattern required)
    {
        switch (Kind)
        {
            case ResourceKind.AnyResource:
                return true;
            case ResourceKind.Cluster:
                return required.Kind == ResourceKind.Cluster;
            default:
                if (required.Kind != ResourceKind.Namespace)
                {
                    return false;
                }

                // A pattern is at least as wide as what it must cover: "" (any) covers everything, a name covers only itself.
                var databaseCovered = Database.Length == 0 || string.Equals(Database, required.Database, StringComparison.Ordinal);
                var collectionCovered = Collection.Length == 0 || string.Equals(Collection, required.Collection, StringComparison.Ordinal);
                return databaseCovered && collectionCovered;
        }
    }

    public override string ToString() => Kind switch
    {
        ResourceKind.Cluster => "{ cluster: true }",
        ResourceKind.AnyResource => "{ anyResource: true }",
        _ => $"{{ db: \"{Database}\", collection: \"{Collection}\" }}",
    };
}
