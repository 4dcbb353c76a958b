namespace Cdc.Schemas.Typed.Validator;

/// <summary>
/// What the converter does with each keyword of MongoDB's <c>$jsonSchema</c> dialect. Keywords that only constrain
/// values (minimum, pattern, …) leave the shape alone and are passed over; keywords that shape the record are
/// converted; everything else is refused with the reason, because a schema built while ignoring it would be a guess.
/// </summary>
internal static class JsonSchemaKeywords
{
    /// <summary>Keywords the converter reads.</summary>
    public static readonly IReadOnlySet<string> Converted = new HashSet<string>(StringComparer.Ordinal)
    {
        "bsonType", "type", "properties", "required", "items", "additionalItems", "additionalProperties", "enum", "anyOf", "oneOf", "title", "description",
    };

    /// <summary>Keywords that restrict values without changing which types and fields there are.</summary>
    public static readonly IReadOnlySet<string> ValueConstraints = new HashSet<string>(StringComparer.Ordinal)
    {
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "pattern",
        "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties",
    };

    /// <summary>Keywords that declare types or fields: an alternative of anyOf/oneOf holding one is not a simple type alternative.</summary>
    public static readonly IReadOnlySet<string> Shaping = new HashSet<string>(StringComparer.Ordinal)
    {
        "properties", "items", "additionalItems", "additionalProperties", "anyOf", "oneOf",
    };

    /// <summary>Why a keyword the converter does not read is refused.</summary>
    public static string RefusalReason(string keyword) => keyword switch
    {
        "patternProperties" => "declares fields by a pattern of their names, which the fixed field names of an Avro record cannot express",
        "dependencies" => "makes fields or their schemas depend on other fields, which a record of independent optional fields cannot express",
        "allOf" => "requires several schemas at once, which the converter does not merge",
        "not" => "excludes a schema, which a union of the types a value may have cannot express",
        "if" or "then" or "else" => "is a conditional schema, which the converter does not express",
        "$ref" or "definitions" or "$defs" => "refers to another schema, which MongoDB's $jsonSchema does not resolve and the converter does not follow",
        "encrypt" or "encryptMetadata" => "marks an encrypted field, whose stored value is ciphertext, not the declared type",
        _ => "is not a keyword of MongoDB's $jsonSchema that the converter knows",
    };
}
