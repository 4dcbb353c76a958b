using Cdc.Schemas.Avro;

namespace Cdc.Schemas.Typed;

/// <summary>
/// A value schema compiled for <see cref="TypedValueWriter"/>: compile once per writer schema (at registration or
/// when the ledger widens), then write any number of documents with it without allocating. Immutable, so one plan may
/// serve several writers.
/// </summary>
internal sealed class TypedWritePlan
{
    private TypedWritePlan(AvroRecordSchema schema, TypedSchemaOrigin origin, TypedRecordPlan document)
    {
        Schema = schema;
        Origin = origin;
        Document = document;
    }

    /// <summary>The writer schema: <c>__cdc</c> first, then the document's fields.</summary>
    public AvroRecordSchema Schema { get; }

    public TypedSchemaOrigin Origin { get; }

    internal TypedRecordPlan Document { get; }

    /// <exception cref="TypedSchemaException">The schema is not one these conventions produce (or, when declared, accept).</exception>
    public static TypedWritePlan Compile(AvroRecordSchema valueSchema, TypedSchemaOrigin origin)
    {
        TypedValueSchemas.RequireMetadataFirst(valueSchema);
        var compiler = new TypedPlanCompiler(origin == TypedSchemaOrigin.Declared);
        return new TypedWritePlan(valueSchema, origin, compiler.CompileRecord(valueSchema, string.Empty, firstDocumentField: 1));
    }
}
