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
    public TypedSchemaStart For(NamespaceRoute route)
    {
        if (route.Db is not { } db || route.Coll is not { } coll)
        {
            return TypedSchemaStart.Inferred;
        }

        if (declared.TryGetValue($"{db}.{coll}", out var record))
        {
            return new TypedSchemaStart(TypedValueSchemas.WithMetadata(record), TypedSchemaOrigin.Declared);
        }

        if (readValidator is null)
        {
            return TypedSchemaStart.Inferred;
        }

        var validator = readValidator(db, coll);
        if (validator.JsonSchema is not { } jsonSchema)
        {
            TypedLedgerLog.NoValidatorSchema(logger, validator.Namespace, validator.Reason ?? "none");
            return TypedSchemaStart.Inferred;
        }

        var envelope = route.Schemas.Value;
        var conversion = JsonSchemaConverter.Convert(jsonSchema, envelope.Name, envelope.Namespace);
        if (!conversion.IsConverted)
        {
            TypedLedgerLog.NoValidatorSchema(logger, validator.Namespace, conversion.Refusal.Message);
            return TypedSchemaStart.Inferred;
        }

        TypedLedgerLog.ValidatorSchema(logger, validator.Namespace);
        return new TypedSchemaStart(TypedValueSchemas.WithMetadata(conversion.Record), TypedSchemaOrigin.Inferred);
    }
}
