using Cdc.Schemas.Avro;
using Cdc.Schemas.Typed;

namespace Cdc.Connector.Sink;

/// <summary>
/// What a typed namespace's schema starts from when its subject has no version yet: a declared value schema (a user's
/// <c>.avsc</c> with <c>__cdc</c> added; never widened), one converted from the collection's <c>$jsonSchema</c>
/// validator (widened like an inferred one), or nothing, and then the first document's own shape.
/// </summary>
internal sealed record TypedSchemaStart(AvroRecordSchema? ValueSchema, TypedSchemaOrigin Origin)
{
    /// <summary>No schema to start from: inferred from the first document.</summary>
    public static TypedSchemaStart Inferred { get; } = new(null, TypedSchemaOrigin.Inferred);
}
