namespace Cdc.Sandbox.MongoDb.Security;

/// <summary>A role granted to a user: its name and the database it is defined on ({role: "read", db: "shop"}).</summary>
internal readonly record struct RoleName(string Role, string Database);
