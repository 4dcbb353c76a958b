namespace Cdc.Sandbox.MongoDb.Security;

/// <summary>Actions allowed on a resource, as usersInfo/connectionStatus with showPrivileges list them.</summary>
internal sealed record Privilege(ResourcePattern Resource, IReadOnlySet<string> Actions);
