using System.Diagnostics.CodeAnalysis;
using Cdc.Schemas.Avro;

namespace Cdc.Schemas.Typed.Validator;

/// <summary>
/// The outcome of converting a <c>$jsonSchema</c>: the document record (the value record's name and fields, without the
/// <c>__cdc</c> metadata field, which the caller puts first as it does for a declared schema), or the refusal that says
/// which keyword made the validator unusable.
/// </summary>
internal sealed class JsonSchemaConversion
{
    private JsonSchemaConversion(AvroRecordSchema? record, JsonSchemaRefusal? refusal)
    {
        Record = record;
        Refusal = refusal;
    }

    public AvroRecordSchema? Record { get; }

    public JsonSchemaRefusal? Refusal { get; }

    [MemberNotNullWhen(true, nameof(Record))]
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool IsConverted => Record is not null;

    public static JsonSchemaConversion Converted(AvroRecordSchema record) => new(record, null);

    public static JsonSchemaConversion Refused(JsonSchemaRefusal refusal) => new(null, refusal);
}
