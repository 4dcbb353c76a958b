using Cdc.Schemas.Avro;
using Cdc.Schemas.Mapping;
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

    /// <summary>
    /// The start of each namespace by mapping.schemas (keys "db.coll"): its declared record with <c>__cdc</c> added,
    /// else <see cref="Inferred"/>. Asked once per namespace (the ledger keeps what it starts).
    /// </summary>
    public static Func<NamespaceRoute, TypedSchemaStart> FromDeclared(IReadOnlyDictionary<string, AvroRecordSchema> declared) =>
        route => route.Coll is not null && declared.TryGetValue($"{route.Db}.{route.Coll}", out var record)
            ? new TypedSchemaStart(TypedValueSchemas.WithMetadata(record), TypedSchemaOrigin.Declared)
            : Inferred;
}
