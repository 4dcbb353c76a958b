using System.Buffers;
using Cdc.Connector.Sink;
using Cdc.Schemas.Avro;
using Cdc.Schemas.Mapping;
using Cdc.Schemas.Typed;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cdc.Cli;

/// <summary>
/// `cdc inspect`'s typed value (mapping.value=document), offline: the namespace's declared record (mapping.schemas)
/// with <c>__cdc</c>, else the schema inferred from this event's document alone. A running connector writes with its
/// subject's latest version instead, widened if this document needs it, so field order and branches may differ there.
/// </summary>
internal static class InspectTypedValue
{
    /// <returns>The value schema written with, and where it came from.</returns>
    public static (AvroSchema Schema, string Source) Write(NamespaceRoute route, MappingOptions options, scoped in TypedEventParts parts, IBufferWriter<byte> value)
    {
        var envelope = route.Schemas.Value;
        AvroRecordSchema schema;
        TypedSchemaOrigin origin;
        string source;
        if (new TypedSchemaStarts(options.DeclaredSchemas, readValidator: null, NullLogger.Instance).Declared(route) is { ValueSchema: { } declared })
        {
            (schema, origin, source) = (declared, TypedSchemaOrigin.Declared, $"declared (mapping.schemas.{route.Db}.{route.Coll})");
        }
        else
        {
            try
            {
                schema = TypedSchemaBuilder.FromDocument(envelope.Name, envelope.Namespace, parts.Document);
            }
            catch (TypedSchemaException e)
            {
                throw new ChangeEventMappingException("fullDocument", e.Message, e);
            }

            (origin, source) = (TypedSchemaOrigin.Inferred, "inferred from this document alone (cdc run widens the subject's latest version)");
        }

        var result = TypedEventWriting.Write(new TypedValueWriter(), TypedWritePlan.Compile(schema, origin), in parts, value);
        if (!result.Fits)
        {
            throw new ChangeEventMappingException("fullDocument", $"the document does not fit the {source} schema: {result.Message}");
        }

        return (schema, source);
    }
}
