using Cdc.Schemas.Avro;

namespace Cdc.Schemas.Typed;

/// <summary>
/// How the typed schemas name things (docs/typed-values.md, rule 4): fields by <see cref="AvroNames.Sanitize"/> of
/// the document's name, named types by their path inside the enclosing record.
/// </summary>
internal static class TypedNames
{
    /// <summary>
    /// The Avro name of a document field. A field whose sanitised name would be <c>__cdc</c> gets the hashed form, so
    /// it can never be confused with the metadata field; it keeps its original in <c>mongodb.name</c> like any
    /// renamed field.
    /// </summary>
    public static string FieldName(string original)
    {
        var sanitized = AvroNames.Sanitize(original);
        return sanitized == CdcMetadataSchema.FieldName ? AvroNames.WithHash(original) : sanitized;
    }

    /// <summary>The base name of the items of an array whose own base name is <paramref name="baseName"/>.</summary>
    public static string Items(string baseName) => baseName + "_item";

    public static string Timestamp(string baseName) => baseName + "_timestamp";

    public static string RegularExpression(string baseName) => baseName + "_regex";

    /// <summary>A field path for messages: dotted document names, <c>[]</c> for array items.</summary>
    public static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    /// <summary>The document's name of a field: its <c>mongodb.name</c> when present, else its Avro name.</summary>
    public static string OriginalName(AvroField field) =>
        TypedSchemaProperties.Find(field.Properties, TypedSchemaProperties.MongoDbName) ?? field.Name;
}
