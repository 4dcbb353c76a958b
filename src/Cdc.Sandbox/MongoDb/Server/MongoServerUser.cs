using Cdc.Sandbox.MongoDb.Security;

namespace Cdc.Sandbox.MongoDb.Server;

/// <summary>
/// A user the server starts with (a host's admin and a least-privilege connector user). The password is turned into
/// salted SCRAM-SHA-1 and SCRAM-SHA-256 credentials at start and not kept by the server.
/// </summary>
internal sealed record MongoServerUser(string Name, string Password, IReadOnlyList<RoleName> Roles)
{
    /// <summary>The authentication database (authSource), admin as for most deployments.</summary>
    public string Database { get; init; } = "admin";
}
