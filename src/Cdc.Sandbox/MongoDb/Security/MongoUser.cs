namespace Cdc.Sandbox.MongoDb.Security;

/// <summary>
/// A user as admin.system.users holds it: name and authentication database (together its identity), granted roles,
/// and one SCRAM credential per mechanism it may authenticate with. Immutable: updates replace the record.
/// </summary>
internal sealed record MongoUser(string Name, string Database, IReadOnlyList<RoleName> Roles, IReadOnlyList<ScramCredential> Credentials)
{
    public string Id => $"{Database}.{Name}";

    public ScramCredential? Credential(ScramMechanism mechanism) => Credentials.FirstOrDefault(credential => credential.Mechanism == mechanism);

    public IEnumerable<string> MechanismNames => Credentials.Select(credential => credential.Mechanism.Name);

    public IEnumerable<Privilege> Privileges => Roles.SelectMany(BuiltInRoles.PrivilegesOf);

    public static List<ScramCredential> CreateCredentials(string name, string password, IEnumerable<ScramMechanism> mechanisms) =>
        [.. mechanisms.Select(mechanism => ScramCredential.Create(mechanism, name, password))];
}
