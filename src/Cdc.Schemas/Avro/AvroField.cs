using System.Text.Json;

namespace Cdc.Schemas.Avro;

/// <summary>A record field. <paramref name="defaultValue"/>: C# null = no default; a JsonElement of kind Null = default null.</summary>
internal sealed class AvroField(string name, AvroSchema schema, string? doc = null, JsonElement? defaultValue = null)
{
    public string Name { get; } = name;

    public AvroSchema Schema { get; } = schema;

    public string? Doc { get; } = doc;

    public JsonElement? DefaultValue { get; } = defaultValue;

    /// <summary>The <c>order</c> attribute (ascending, descending, ignore) or null when absent.</summary>
    public string? Order { get; init; }

    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>Attributes the specification does not define for fields, kept for <see cref="AvroSchema.ToJson"/>.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonElement>> Properties { get; init; } = [];
}
