using Cdc.Connector.MongoDb;
using Cdc.Schemas.Avro;
using Cdc.Schemas.Mapping;
using Cdc.Schemas.Typed;
using Cdc.Schemas.Typed.Validator;
using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Sink;

/// <summary>
/// Where each typed namespace's schema starts when its subject has no version yet (docs/typed-values.md, "Where a
/// namespace's schema comes from"): its declared record (mapping.schemas), else its collection's <c>$jsonSchema</c>
/// validator converted by the shared conventions (so it widens like an inferred schema), else the first document.
/// Asked once per namespace, on the reading thread, by the ledger's first resolve; what makes a validator unusable is
/// logged with the reason and costs nothing else.
/// </summary>
internal sealed class TypedSchemaStarts(
    IReadOnlyDictionary<string, AvroRecordSchema> declared, Func<string, string, CollectionValidator>? readValidator, ILogger logger)
{
    /// <summary>Inference alone: no declared schemas, no validators.</summary>
    public static TypedSchemaStarts InferredOnly { get; } = new(new Dictionary<string, AvroRecordSchema>(), null, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

    /// <summary>The namespace's declared start (mapping.schemas), or null: cheap, it reads nothing.</summary>
    public TypedSchemaStart? Declared(NamespaceRoute route) =>
        route.Db is { } db && route.Coll is { } coll && declared.TryGetValue($"{db}.{coll}", out var record)
            ? new TypedSchemaStart(TypedValueSchemas.WithMetadata(record), TypedSchemaOrigin.Declared)
            : null;

    /// <summary>The namespace's start: declared, else its validator's (read now), else inference.</summary>
    public TypedSchemaStart For(NamespaceRoute route)
    {
        if (Declared(route) is { } start)
        {
            return start;
        }

        return ValidatorRecord(route) is { } record
            ? new TypedSchemaStart(TypedValueSchemas.WithMetadata(record), TypedSchemaOrigin.Inferred)
            : TypedSchemaStart.Inferred;
    }

    /// <summary>
    /// The document record of the collection's <c>$jsonSchema</c> validator (read now, converted by the shared
    /// conventions), or null with the reason logged: no validator, an unusable one, or no way to read it.
    /// </summary>
    public AvroRecordSchema? ValidatorRecord(NamespaceRoute route)
    {
        if (readValidator is null || route.Db is not { } db || route.Coll is not { } coll)
        {
            return null;
        }

        var validator = readValidator(db, coll);
        if (validator.JsonSchema is not { } jsonSchema)
        {
            TypedLedgerLog.NoValidatorSchema(logger, validator.Namespace, validator.Reason ?? "none");
            return null;
        }

        var envelope = route.Schemas.Value;
        var conversion = JsonSchemaConverter.Convert(jsonSchema, envelope.Name, envelope.Namespace);
        if (!conversion.IsConverted)
        {
            TypedLedgerLog.NoValidatorSchema(logger, validator.Namespace, conversion.Refusal.Message);
            return null;
        }

        TypedLedgerLog.ValidatorSchema(logger, validator.Namespace);
        return conversion.Record;
    }
}
