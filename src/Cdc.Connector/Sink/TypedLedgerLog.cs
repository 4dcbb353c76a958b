using Cdc.Schemas.Typed;
using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Sink;

/// <summary>Log events of <see cref="TypedSchemaLedger"/> (ids 310–319).</summary>
internal static partial class TypedLedgerLog
{
    [LoggerMessage(EventId = 310, Level = LogLevel.Information, Message = "Typed values of subject {Subject} go on from its latest version {Version} (schema id {SchemaId})")]
    public static partial void Seeded(ILogger logger, string subject, int version, int schemaId);

    [LoggerMessage(EventId = 311, Level = LogLevel.Information, Message = "Typed values of subject {Subject} start with schema id {SchemaId} ({Origin})")]
    public static partial void Started(ILogger logger, string subject, int schemaId, TypedSchemaOrigin origin);

    [LoggerMessage(EventId = 312, Level = LogLevel.Information, Message = "Subject {Subject} widened to schema id {SchemaId} for a document that did not fit: {Misfit}")]
    public static partial void Widened(ILogger logger, string subject, int schemaId, string misfit);

    [LoggerMessage(EventId = 313, Level = LogLevel.Information, Message = "Typed values of {Namespace} start from its collection's $jsonSchema validator")]
    public static partial void ValidatorSchema(ILogger logger, string @namespace);

    [LoggerMessage(EventId = 314, Level = LogLevel.Information, Message = "Typed values of {Namespace}: no schema from its validator ({Reason}); the schema is inferred from the documents")]
    public static partial void NoValidatorSchema(ILogger logger, string @namespace, string reason);

    [LoggerMessage(EventId = 315, Level = LogLevel.Warning, Message = "Subject {Subject} was not widened for the fields of its collection's new validator: the registry calls it incompatible ({Reasons}); documents bringing them will widen it one by one, or be the events' errors")]
    public static partial void ValidatorFieldsRefused(ILogger logger, string subject, string reasons);
}
