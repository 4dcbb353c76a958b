namespace Cdc.Sandbox.SchemaRegistry;

/// <summary>One version of a subject; a soft delete only marks it, as Confluent's default DELETE does.</summary>
internal sealed class SubjectVersion(int version, StoredSchema schema)
{
    public int Version { get; } = version;

    public StoredSchema Schema { get; } = schema;

    public bool Deleted { get; set; }
}
