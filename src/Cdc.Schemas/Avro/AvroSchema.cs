using System.Text.Json;

namespace Cdc.Schemas.Avro;

/// <summary>
/// An Avro schema. <see cref="ToJson"/> gives the full JSON (with docs, defaults, logical types) as registered;
/// <see cref="ToCanonicalForm"/> gives the specification's Parsing Canonical Form. A named type that occurs more than
/// once is written in full at its first occurrence and by name afterwards; two different definitions of one name are
/// an <see cref="AvroException"/>.
/// </summary>
internal abstract class AvroSchema
{
    protected AvroSchema(AvroType type) => Type = type;

    public AvroType Type { get; }

    /// <summary>
    /// Attributes the specification does not define for this kind of schema (e.g. <c>precision</c>/<c>scale</c> of a
    /// decimal, or custom metadata), kept in order so that <see cref="ToJson"/> writes them back; not in the canonical form.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, JsonElement>> Properties { get; init; } = [];

    public abstract string ToJson();

    public abstract string ToCanonicalForm();

    /// <summary>Parses schema JSON; invalid schemas and names throw <see cref="AvroException"/>.</summary>
    public static AvroSchema Parse(string json) => AvroSchemaParser.Parse(json);

    public override string ToString() => ToJson();
}
