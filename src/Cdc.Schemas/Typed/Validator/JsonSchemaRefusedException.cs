namespace Cdc.Schemas.Typed.Validator;

/// <summary>
/// Carries a <see cref="JsonSchemaRefusal"/> out of the converter's recursion to <see cref="JsonSchemaConverter.Convert"/>,
/// which turns it into a result: a refusal is an answer, never an error the caller has to catch.
/// </summary>
internal sealed class JsonSchemaRefusedException(JsonSchemaRefusal refusal) : Exception(refusal.Message)
{
    public JsonSchemaRefusal Refusal { get; } = refusal;

    /// <summary>The refusal of <paramref name="keyword"/> at <paramref name="path"/>, for <paramref name="reason"/>.</summary>
    public static JsonSchemaRefusedException At(string keyword, string path, string reason) => new(new JsonSchemaRefusal(keyword, path, reason));
}
