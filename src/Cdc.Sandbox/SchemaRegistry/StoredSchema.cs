using Cdc.Schemas.Avro;

namespace Cdc.Sandbox.SchemaRegistry;

/// <summary>A schema under its global id; <see cref="Json"/> is the normalised form every answer gives.</summary>
internal sealed class StoredSchema(int id, AvroSchema schema, string json)
{
    public int Id { get; } = id;

    public AvroSchema Schema { get; } = schema;

    public string Json { get; } = json;
}
