namespace Cdc.Sandbox.MongoDb.Security;

/// <summary>
/// MongoDB's built-in roles and the actions the manual's "Built-In Roles" page lists for them (the subset of actions
/// that matter to commands the sandbox answers, plus the neighbouring ones so usersInfo looks like a server's).
/// Database roles (read, readWrite, dbAdmin, userAdmin, dbOwner) apply to the database they are granted on;
/// the *AnyDatabase and cluster roles exist only on admin. root is simplified to every action on every resource.
/// </summary>
internal static class BuiltInRoles
{
    private static readonly string[] ReadActions =
        ["changeStream", "collStats", "dbHash", "dbStats", "find", "killCursors", "listCollections", "listIndexes", "listSearchIndexes"];

    private static readonly string[] ReadWriteActions =
        [.. ReadActions, "convertToCapped", "createCollection", "createIndex", "dropCollection", "dropIndex", "insert", "remove", "renameCollectionSameDB", "update"];

    private static readonly string[] DbAdminActions =
        ["bypassDocumentValidation", "collMod", "collStats", "compact", "convertToCapped", "createCollection", "createIndex", "dbStats", "dropCollection", "dropDatabase", "dropIndex", "enableProfiler", "listCollections", "listIndexes", "planCacheIndexFilter", "planCacheRead", "planCacheWrite", "reIndex", "renameCollectionSameDB", "storageDetails", "validate"];

    private static readonly string[] UserAdminActions =
        ["changeCustomData", "changePassword", "createRole", "createUser", "dropRole", "dropUser", "grantRole", "revokeRole", "setAuthenticationRestriction", "viewRole", "viewUser"];

    private static readonly string[] ClusterMonitorActions =
        ["checkFreeMonitoringStatus", "connPoolStats", "getCmdLineOpts", "getDefaultRWConcern", "getLog", "getParameter", "hostInfo", "inprog", "listDatabases", "listSessions", "netstat", "replSetGetConfig", "replSetGetStatus", "serverStatus", "top"];

    /// <summary>
    /// configureFailPoint is a test-only command mongod leaves unchecked when test commands are enabled; the sandbox
    /// instead ties it to clusterManager (and root), so a least-privilege connector user cannot inject faults.
    /// </summary>
    private static readonly string[] ClusterManagerActions =
        ["appendOplogNote", "applicationMessage", "configureFailPoint", "getDefaultRWConcern", "listSessions", "replSetConfigure", "replSetGetConfig", "replSetGetStatus", "replSetStateChange", "resync", "setDefaultRWConcern", "setFeatureCompatibilityVersion"];

    /// <summary>Names of every built-in role, for validating createUser/grantRolesToUser.</summary>
    public static IReadOnlySet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "read", "readWrite", "dbAdmin", "dbOwner", "userAdmin", "readAnyDatabase", "readWriteAnyDatabase", "userAdminAnyDatabase",
        "dbAdminAnyDatabase", "clusterMonitor", "clusterManager", "clusterAdmin", "root",
    };

    /// <summary>Whether <paramref name="role"/> is a built-in role on its database (cluster-wide roles exist only on admin).</summary>
    public static bool Exists(RoleName role) => Names.Contains(role.Role)
        && (role.Role is "read" or "readWrite" or "dbAdmin" or "dbOwner" or "userAdmin" || role.Database == "admin");

    public static IReadOnlyList<Privilege> PrivilegesOf(RoleName role)
    {
        var database = ResourcePattern.OnDatabase(role.Database);
        var any = ResourcePattern.AnyNormalResource;
        var listDatabases = new Privilege(ResourcePattern.Cluster, Set("listDatabases"));
        return role.Role switch
        {
            "read" => [new Privilege(database, Set(ReadActions))],
            "readWrite" => [new Privilege(database, Set(ReadWriteActions))],
            "dbAdmin" => [new Privilege(database, Set(DbAdminActions))],
            "userAdmin" => [new Privilege(database, Set(UserAdminActions))],
            "dbOwner" => [new Privilege(database, Set([.. ReadWriteActions, .. DbAdminActions, .. UserAdminActions]))],
            "readAnyDatabase" => [new Privilege(any, Set(ReadActions)), listDatabases],
            "readWriteAnyDatabase" => [new Privilege(any, Set(ReadWriteActions)), listDatabases],
            "dbAdminAnyDatabase" => [new Privilege(any, Set(DbAdminActions)), listDatabases],
            "userAdminAnyDatabase" => [new Privilege(any, Set(UserAdminActions)), new Privilege(ResourcePattern.Cluster, Set("authSchemaUpgrade", "invalidateUserCache", "listDatabases"))],
            "clusterMonitor" => [new Privilege(ResourcePattern.Cluster, Set(ClusterMonitorActions)), new Privilege(any, Set("collStats", "dbStats", "indexStats"))],
            "clusterManager" => [new Privilege(ResourcePattern.Cluster, Set(ClusterManagerActions))],
            "clusterAdmin" => [new Privilege(ResourcePattern.Cluster, Set([.. ClusterMonitorActions, .. ClusterManagerActions])), new Privilege(any, Set("collStats", "dbStats", "dropDatabase", "indexStats"))],
            "root" => [new Privilege(ResourcePattern.AnyResource, Set("anyAction"))],
            _ => [],
        };
    }

    private static HashSet<string> Set(params string[] actions) => new(actions, StringComparer.Ordinal);
}
