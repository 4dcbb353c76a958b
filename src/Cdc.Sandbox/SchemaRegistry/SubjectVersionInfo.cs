namespace Cdc.Sandbox.SchemaRegistry;

/// <summary>What <c>GET /subjects/{subject}/versions/{version}</c> and lookup answer.</summary>
internal sealed record SubjectVersionInfo(string Subject, int Version, int Id, string Schema);
