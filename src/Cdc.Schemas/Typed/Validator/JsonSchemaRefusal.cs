namespace Cdc.Schemas.Typed.Validator;

/// <summary>
/// Why a validator's <c>$jsonSchema</c> cannot give the value schema: the keyword, where it is (a dotted path from
/// <c>$jsonSchema</c>, e.g. <c>$jsonSchema.properties.address.patternProperties</c>) and what it would take. The caller
/// falls back to inference and logs <see cref="Message"/>.
/// </summary>
internal sealed class JsonSchemaRefusal(string keyword, string path, string reason)
{
    public string Keyword { get; } = keyword;

    public string Path { get; } = path;

    public string Reason { get; } = reason;

    /// <summary>"The validator's $jsonSchema cannot be converted: 'patternProperties' at $jsonSchema.properties.tags …".</summary>
    public string Message =>
        $"The validator's $jsonSchema cannot be converted to an Avro schema: '{Keyword}' at {Path} {Reason}; the schema is inferred from the documents instead.";

    public override string ToString() => Message;
}
