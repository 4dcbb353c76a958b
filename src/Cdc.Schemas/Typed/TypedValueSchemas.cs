using Cdc.Schemas.Avro;

namespace Cdc.Schemas.Typed;

/// <summary>
/// The value record's frame: <c>__cdc</c> first (rule 1). Builds the empty inferred record, adds the metadata to a
/// declared document record, and checks that a schema from elsewhere (the registry, a file) is one these conventions
/// can write, before it seeds the ledger or a writer.
/// </summary>
internal static class TypedValueSchemas
{
    /// <summary>The value record of a document with no fields: only <c>__cdc</c>.</summary>
    public static AvroRecordSchema Empty(string name, string? @namespace) =>
        new(name, @namespace, [CdcMetadataSchema.Field(NamespaceOf(name, @namespace))]);

    /// <summary>
    /// The value record of a declared document record: the same name, namespace, doc and fields, with <c>__cdc</c>
    /// put first.
    /// </summary>
    /// <exception cref="TypedSchemaException">
    /// The declared record already has a field called <c>__cdc</c>, or defines a type named like the metadata's records.
    /// </exception>
    public static AvroRecordSchema WithMetadata(AvroRecordSchema documentRecord)
    {
        foreach (var field in documentRecord.Fields)
        {
            if (field.Name == CdcMetadataSchema.FieldName)
            {
                throw new TypedSchemaException($"The declared record '{documentRecord.FullName}' has a field '{CdcMetadataSchema.FieldName}', the name of the metadata field the connector adds; rename it and give it \"{TypedSchemaProperties.MongoDbName}\": \"{CdcMetadataSchema.FieldName}\" if the documents use that name.");
            }
        }

        var value = new AvroRecordSchema(documentRecord.Name, documentRecord.Namespace, [CdcMetadataSchema.Field(documentRecord.Namespace), .. documentRecord.Fields], documentRecord.Doc)
        {
            Aliases = documentRecord.Aliases,
            Properties = documentRecord.Properties,
        };
        try
        {
            // The metadata defines CdcMetadata and ClusterTime in the record's namespace; a declared type of either
            // name there would be a second definition, which no registry accepts.
            _ = value.ToJson();
        }
        catch (AvroException e)
        {
            throw new TypedSchemaException($"The declared record '{documentRecord.FullName}' cannot take the '{CdcMetadataSchema.FieldName}' field: {e.Message} Rename the declared type or move it to another namespace.", e);
        }

        return value;
    }

    /// <summary>
    /// <paramref name="valueSchema"/> with the document fields of <paramref name="documentRecord"/> (a record of the
    /// conventions, such as a converted validator) that it lacks appended, matched by their original document names;
    /// null when it lacks none. Fields it has are left as they are: their new types come with the documents.
    /// </summary>
    public static AvroRecordSchema? AddMissingFields(AvroRecordSchema valueSchema, AvroRecordSchema documentRecord)
    {
        RequireMetadataFirst(valueSchema);
        var known = valueSchema.Fields.Skip(1).Select(TypedNames.OriginalName).ToHashSet(StringComparer.Ordinal);
        var added = documentRecord.Fields.Where(field => !known.Contains(TypedNames.OriginalName(field))).ToList();
        if (added.Count == 0)
        {
            return null;
        }

        return new AvroRecordSchema(valueSchema.Name, valueSchema.Namespace, [.. valueSchema.Fields, .. added], valueSchema.Doc)
        {
            Aliases = valueSchema.Aliases,
            Properties = valueSchema.Properties,
        };
    }

    /// <summary>
    /// Parses <paramref name="valueSchemaJson"/> (a whole value record, <c>__cdc</c> included, as registered) and
    /// compiles it: the plan when the conventions can write it, else a <see cref="TypedSchemaException"/> saying what
    /// is not theirs.
    /// </summary>
    public static TypedWritePlan Accept(string valueSchemaJson, TypedSchemaOrigin origin)
    {
        AvroSchema parsed;
        try
        {
            parsed = AvroSchemaParser.Parse(valueSchemaJson);
        }
        catch (AvroException e)
        {
            throw new TypedSchemaException($"The typed value schema is not a valid Avro schema: {e.Message}", e);
        }

        if (parsed is not AvroRecordSchema record)
        {
            throw new TypedSchemaException($"A typed value schema is a record with '{CdcMetadataSchema.FieldName}' first; this one is a {parsed.Type}.");
        }

        return TypedWritePlan.Compile(record, origin);
    }

    /// <exception cref="TypedSchemaException">The first field is not the <c>__cdc</c> metadata of the record's namespace.</exception>
    public static void RequireMetadataFirst(AvroRecordSchema valueSchema)
    {
        var expected = CdcMetadataSchema.For(valueSchema.Namespace).ToCanonicalForm();
        if (valueSchema.Fields.Count == 0
            || valueSchema.Fields[0].Name != CdcMetadataSchema.FieldName
            || valueSchema.Fields[0].Schema.ToCanonicalForm() != expected)
        {
            throw new TypedSchemaException($"The typed value schema '{valueSchema.FullName}' does not start with the field '{CdcMetadataSchema.FieldName}' of type {expected}; every typed value record starts with it (docs/typed-values.md, rule 1). Was the schema registered by something else under this subject?");
        }
    }

    private static string? NamespaceOf(string name, string? @namespace)
    {
        // A dotted name carries its own namespace, as the specification says.
        var lastDot = name.LastIndexOf('.');
        return lastDot >= 0 ? name[..lastDot] : @namespace;
    }
}
