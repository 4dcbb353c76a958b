namespace Cdc.Connector.Registry;

/// <summary>One version of a subject: the schema's global id, the version number within the subject, the schema JSON.</summary>
internal sealed record RegisteredSubjectSchema(int Id, int Version, string SchemaJson);
