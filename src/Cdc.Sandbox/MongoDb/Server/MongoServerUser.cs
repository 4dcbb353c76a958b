using Cdc.Sandbox.MongoDb.Security;

namespace Cdc.Sandbox.MongoDb.Server;

/// <summary>
/// A user the server starts with (a host's admin and a least-privilege connector user). The password is turned into
/// salted SCRAM-SHA-1 and SCRAM-SHA-256 credentials at start and not kept by the server. A user on "$external" is an
/// X.509 user (its name is a certificate subject DN such as "CN=connector,O=cdc") and has no password.
/// </summary>
internal sealed record MongoServerUser(string Name, string Password, IReadOnlyList<RoleName> Roles)
{
    /// <summary>The authentication database (authSource), admin as for most deployments.</summary>
    public string Database { get; init; } = "admin";
}
