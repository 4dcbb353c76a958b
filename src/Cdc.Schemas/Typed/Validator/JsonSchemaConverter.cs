using System.Text.Json;
using Cdc.Schemas.Avro;
using Cdc.Schemas.Bson;
using Cdc.Schemas.Mapping;

namespace Cdc.Schemas.Typed.Validator;

/// <summary>
/// Converts a collection validator's <c>$jsonSchema</c> (MongoDB's dialect, as BSON) into the document record of the
/// typed value (docs/typed-values.md, "Where a namespace's schema comes from"): every declared field, in declaration
/// order, is a union whose first branch is null with default null (even when <c>required</c>: a delete carries every
/// field null), with one branch per allowed BSON type by issue 19's type table, nested documents as records named by
/// their path, arrays with their item types. Fields the validator does not declare are left to widening. A keyword the
/// converter cannot express gives a <see cref="JsonSchemaRefusal"/> naming it and where it is, never a guess.
/// </summary>
internal static class JsonSchemaConverter
{
    /// <summary>The value record's name; its namespace is the topic's, as for the envelope (<see cref="EnvelopeSchemas"/>).</summary>
    public const string ValueRecordName = "Envelope";

    private const string Root = "$jsonSchema";
    private const string OriginalNameProperty = "mongodb.name";

    private static readonly JsonElement NullDefault = CreateNullDefault();

    /// <summary>The document record of the value of <paramref name="topic"/>: named as the envelope's value record of that topic.</summary>
    public static JsonSchemaConversion ForTopic(ReadOnlySpan<byte> jsonSchema, string topic) =>
        Convert(jsonSchema, ValueRecordName, EnvelopeSchemas.AvroNamespaceOf(topic));

    /// <summary>
    /// The record <paramref name="recordName"/> in <paramref name="recordNamespace"/> whose fields are the fields the
    /// <c>$jsonSchema</c> document <paramref name="jsonSchema"/> declares; nested records are named from its full name.
    /// </summary>
    public static JsonSchemaConversion Convert(ReadOnlySpan<byte> jsonSchema, string recordName, string? recordNamespace)
    {
        SchemaNode root;
        try
        {
            root = SchemaNode.Read(jsonSchema);
        }
        catch (BsonFormatException ex)
        {
            return JsonSchemaConversion.Refused(new JsonSchemaRefusal(Root, Root, $"is not a valid BSON document ({ex.Message})"));
        }

        try
        {
            JsonSchemaTypes.CheckKeywords(root, Root);
            var types = JsonSchemaTypes.TypesOf(root, Root);
            if (types.Count > 0 && !types.Any(source => source.Type == BsonType.Document))
            {
                var keyword = root["bsonType"] is not null ? "bsonType" : "type";
                throw JsonSchemaRefusedException.At(keyword, Root, "does not allow an object, but every value of a collection is a document");
            }

            var fullName = string.IsNullOrEmpty(recordNamespace) ? recordName : $"{recordNamespace}.{recordName}";
            var fields = Fields(root, Root, fullName);
            var record = new AvroRecordSchema(recordName, recordNamespace, fields, DocOf(root, Root));
            CheckNamedTypes(record);
            return JsonSchemaConversion.Converted(record);
        }
        catch (JsonSchemaRefusedException ex)
        {
            return JsonSchemaConversion.Refused(ex.Refusal);
        }
    }

    private static List<AvroField> Fields(SchemaNode schema, string path, string recordFullName)
    {
        CheckRequired(schema, path);
        CheckAdditionalProperties(schema, path);
        var fields = new List<AvroField>();
        if (schema["properties"] is not { } properties)
        {
            return fields;
        }

        if (!properties.IsDocument)
        {
            throw JsonSchemaRefusedException.At("properties", path, "must be a document of field schemas");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (original, fieldSchema) in properties.Members)
        {
            var fieldPath = $"{path}.properties.{original}";
            if (!fieldSchema.IsDocument)
            {
                throw JsonSchemaRefusedException.At("properties", fieldPath, "must be a schema document");
            }

            JsonSchemaTypes.CheckKeywords(fieldSchema, fieldPath);
            var name = DocumentFieldNames.AvroNameOf(original);
            if (!names.Add(name))
            {
                throw JsonSchemaRefusedException.At("properties", fieldPath, $"gets the Avro field name '{name}', which another field of the record has already");
            }

            var union = new AvroUnionSchema([AvroPrimitiveSchema.Null, .. Branches(JsonSchemaTypes.TypesOf(fieldSchema, fieldPath), name, recordFullName)]);
            fields.Add(new AvroField(name, union, DocOf(fieldSchema, fieldPath), NullDefault)
            {
                Properties = name == original ? [] : [ValidatorBranches.Property(OriginalNameProperty, original)],
            });
        }

        return fields;
    }

    /// <summary>The union branches (null left out) of <paramref name="types"/> for the field <paramref name="fieldName"/>.</summary>
    private static List<AvroSchema> Branches(IReadOnlyList<TypeSource> types, string fieldName, string recordFullName)
    {
        var asJson = ValidatorBranches.WrittenAsExtendedJson(types.Select(source => source.Type).ToList());
        var branches = new List<AvroSchema>();
        var jsonBranchAdded = false;
        foreach (var source in types)
        {
            if (source.Type == BsonType.Null)
            {
                continue;
            }

            if (asJson.Contains(source.Type))
            {
                if (!jsonBranchAdded)
                {
                    branches.Add(ValidatorBranches.ExtendedJson);
                    jsonBranchAdded = true;
                }

                continue;
            }

            branches.Add(source.Type switch
            {
                BsonType.Document => new AvroRecordSchema(fieldName, recordFullName, Fields(source.Shape, source.ShapePath, $"{recordFullName}.{fieldName}")),
                BsonType.Array => Array(source.Shape, source.ShapePath, fieldName, recordFullName),
                _ => ValidatorBranches.Scalar(source.Type, fieldName, recordFullName),
            });
        }

        return branches;
    }

    /// <summary>
    /// An array's schema: its items are a union of the item branches (null first only when an item may be null), or
    /// "null" when the validator says nothing of the items (widened later, as an empty array is).
    /// </summary>
    private static AvroArraySchema Array(SchemaNode schema, string path, string fieldName, string recordFullName)
    {
        var itemTypes = new List<TypeSource>();
        switch (schema["items"])
        {
            case null:
                break;
            case { IsDocument: true } items:
                JsonSchemaTypes.CheckKeywords(items, $"{path}.items");
                itemTypes.AddRange(JsonSchemaTypes.TypesOf(items, $"{path}.items"));
                break;
            case { IsArray: true } positions:
                for (var i = 0; i < positions.Members.Count; i++)
                {
                    AddTuplePosition(itemTypes, positions.Members[i].Value, $"{path}.items.{i}", "items");
                }

                switch (schema["additionalItems"])
                {
                    case null or { Type: BsonType.Boolean }:
                        break;
                    case var more:
                        AddTuplePosition(itemTypes, more, $"{path}.additionalItems", "additionalItems");
                        break;
                }

                break;
            default:
                throw JsonSchemaRefusedException.At("items", path, "must be a schema or an array of schemas");
        }

        var branches = Branches(itemTypes, $"{fieldName}_item", recordFullName);
        if (branches.Count == 0)
        {
            return new AvroArraySchema(AvroPrimitiveSchema.Null);
        }

        var nullable = itemTypes.Any(source => source.Type == BsonType.Null);
        return new AvroArraySchema(new AvroUnionSchema(nullable ? [AvroPrimitiveSchema.Null, .. branches] : branches));
    }

    /// <summary>
    /// Adds the types of one position of a tuple-style <c>items</c>. The items of an Avro array share one record and one
    /// array schema, so only one position may shape them.
    /// </summary>
    private static void AddTuplePosition(List<TypeSource> itemTypes, SchemaNode position, string path, string keyword)
    {
        if (!position.IsDocument)
        {
            throw JsonSchemaRefusedException.At(keyword, path, "must be a schema document");
        }

        JsonSchemaTypes.CheckKeywords(position, path);
        foreach (var source in JsonSchemaTypes.TypesOf(position, path))
        {
            var seen = itemTypes.FindIndex(existing => existing.Type == source.Type);
            if (seen < 0)
            {
                itemTypes.Add(source);
            }
            else if (source.Type is BsonType.Document or BsonType.Array)
            {
                throw JsonSchemaRefusedException.At(keyword, path, $"declares a {(source.Type == BsonType.Document ? "document" : "array")} item as an earlier position does, and the items of an Avro array share one such schema");
            }
        }
    }

    /// <summary>
    /// Path names can meet: a timestamp field <c>a</c> names its record <c>R.a_timestamp</c>, as a document field
    /// <c>a_timestamp</c> names its own. Writing the schema finds two definitions of one name.
    /// </summary>
    private static void CheckNamedTypes(AvroRecordSchema record)
    {
        try
        {
            _ = record.ToCanonicalForm();
        }
        catch (AvroException ex)
        {
            throw JsonSchemaRefusedException.At("properties", Root, $"gives two nested types one full name, which Avro cannot hold ({ex.Message})");
        }
    }

    private static void CheckRequired(SchemaNode schema, string path)
    {
        if (schema["required"] is { } required && (!required.IsArray || required.Members.Any(member => member.Value.Text is null)))
        {
            throw JsonSchemaRefusedException.At("required", path, "must be an array of field names");
        }
    }

    private static void CheckAdditionalProperties(SchemaNode schema, string path)
    {
        switch (schema["additionalProperties"])
        {
            case null or { Type: BsonType.Boolean }:
                return;
            case { IsDocument: true }:
                throw JsonSchemaRefusedException.At("additionalProperties", path, "is a schema for the fields the validator does not name, which the fixed fields of an Avro record cannot express; use true or false (undeclared fields are then inferred)");
            default:
                throw JsonSchemaRefusedException.At("additionalProperties", path, "must be true, false or a schema");
        }
    }

    /// <summary>The Avro doc of a schema: its title and description, "title: description" when both are given.</summary>
    private static string? DocOf(SchemaNode schema, string path)
    {
        var title = TextOf(schema, "title", path);
        var description = TextOf(schema, "description", path);
        return title is not null && description is not null ? $"{title}: {description}" : title ?? description;
    }

    private static string? TextOf(SchemaNode schema, string keyword, string path) => schema[keyword] switch
    {
        null => null,
        { Text: { } text } => text,
        _ => throw JsonSchemaRefusedException.At(keyword, path, "must be a string"),
    };

    private static JsonElement CreateNullDefault()
    {
        using var document = JsonDocument.Parse("null");
        return document.RootElement.Clone();
    }
}
