namespace Cdc.Schemas.Typed.Validator;

/// <summary>
/// Carries a <see cref="JsonSchemaRefusal"/> out of the converter's recursion to <see cref="JsonSchemaConverter.Convert"/>,
/// which turns it into a result: a refusal is an answer, never an error the caller has to catch.
/// </summary>
internal sealed class JsonSchemaRefusedException(JsonSchemaRefusal refusal) : Exception(refusal.Message)
{
    public JsonSchemaRefusal Refusal { get; } = refusal;
}
