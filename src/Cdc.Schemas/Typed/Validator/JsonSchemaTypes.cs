using Cdc.Schemas.Bson;

namespace Cdc.Schemas.Typed.Validator;

/// <summary>
/// Which BSON types a <c>$jsonSchema</c> lets a value have, and the check that every keyword of a schema is one the
/// converter reads or may pass over (<see cref="JsonSchemaKeywords"/>).
/// </summary>
internal static class JsonSchemaTypes
{
    /// <summary>
    /// The types a value of <paramref name="schema"/> may have, in the order the validator names them: from bsonType or
    /// type; else from simple anyOf/oneOf type alternatives; else implied by enum values, properties (a document) and
    /// items (an array). None at all: the validator does not say, and the field starts with the null branch only.
    /// </summary>
    public static List<TypeSource> TypesOf(SchemaNode schema, string path)
    {
        var declared = DeclaredTypes(schema, path);
        var alternatives = AlternativeTypes(schema, path);
        if (declared is not null && alternatives is not null)
        {
            throw JsonSchemaRefusedException.At(schema["anyOf"] is not null ? "anyOf" : "oneOf", path, "gives type alternatives beside 'bsonType' or 'type' at the same level; give the types in one of them");
        }

        var types = new List<TypeSource>();
        if (declared is not null)
        {
            types.AddRange(declared.Select(type => new TypeSource(type, schema, path)));
        }
        else if (alternatives is not null)
        {
            types.AddRange(alternatives);
        }
        else
        {
            types.AddRange((EnumTypes(schema, path) ?? []).Select(type => new TypeSource(type, schema, path)));
            if (schema["properties"] is not null || schema["additionalProperties"] is not null)
            {
                types.Add(new TypeSource(BsonType.Document, schema, path));
            }

            if (schema["items"] is not null)
            {
                types.Add(new TypeSource(BsonType.Array, schema, path));
            }
        }

        return types.DistinctBy(source => source.Type).ToList();
    }

    /// <summary>The types of bsonType or type, or null when neither is given.</summary>
    private static List<BsonType>? DeclaredTypes(SchemaNode schema, string path)
    {
        if (schema["bsonType"] is not null && schema["type"] is not null)
        {
            throw JsonSchemaRefusedException.At("type", path, "is given beside 'bsonType'; MongoDB accepts one of them");
        }

        var keyword = schema["bsonType"] is not null ? "bsonType" : schema["type"] is not null ? "type" : null;
        if (keyword is null)
        {
            return null;
        }

        var value = schema[keyword]!;
        var names = value.Type == BsonType.String ? [value] : value.IsArray ? value.Members.Select(member => member.Value).ToList() : null;
        if (names is null || names.Count == 0 || names.Any(name => name.Text is null))
        {
            throw JsonSchemaRefusedException.At(keyword, path, "must be a type name or a non-empty array of type names");
        }

        var types = new List<BsonType>();
        foreach (var name in names)
        {
            var resolved = JsonSchemaTypeNames.Resolve(keyword, name.Text!)
                ?? throw JsonSchemaRefusedException.At(keyword, path, $"names the type '{name.Text}', which is not one of {JsonSchemaTypeNames.Known(keyword)}");
            types.AddRange(resolved);
        }

        return types.Distinct().ToList();
    }

    /// <summary>
    /// The types of anyOf/oneOf alternatives that each give only types (bsonType, type or enum, with value
    /// constraints); null when the alternatives do not restrict the type (one of them names no type, e.g. an
    /// alternative of required fields), and a refusal when an alternative declares fields or items.
    /// </summary>
    private static List<TypeSource>? AlternativeTypes(SchemaNode schema, string path)
    {
        List<TypeSource>? result = null;
        foreach (var keyword in (string[])["anyOf", "oneOf"])
        {
            if (schema[keyword] is not { } alternatives)
            {
                continue;
            }

            if (!alternatives.IsArray || alternatives.Members.Count == 0 || alternatives.Members.Any(member => !member.Value.IsDocument))
            {
                throw JsonSchemaRefusedException.At(keyword, path, "must be a non-empty array of schema documents");
            }

            var types = new List<TypeSource>();
            var unrestricted = false;
            for (var i = 0; i < alternatives.Members.Count; i++)
            {
                var alternative = alternatives.Members[i].Value;
                var alternativePath = $"{path}.{keyword}.{i}";
                CheckKeywords(alternative, alternativePath);
                if (alternative.Members.FirstOrDefault(member => JsonSchemaKeywords.Shaping.Contains(member.Key)) is { Key: { } shaping })
                {
                    throw JsonSchemaRefusedException.At(keyword, alternativePath, $"declares '{shaping}'; only alternatives that differ in type convert (each a bsonType, type or enum)");
                }

                var alternativeTypes = DeclaredTypes(alternative, alternativePath) ?? EnumTypes(alternative, alternativePath);
                if (alternativeTypes is null)
                {
                    unrestricted = true;
                }
                else
                {
                    types.AddRange(alternativeTypes.Select(type => new TypeSource(type, alternative, alternativePath)));
                }
            }

            if (unrestricted)
            {
                continue;
            }

            if (result is not null)
            {
                throw JsonSchemaRefusedException.At(keyword, path, "gives type alternatives beside those of 'anyOf'; give the types in one of them");
            }

            result = types;
        }

        return result;
    }

    /// <summary>The BSON types of the enum's values in order (null included), or null without enum.</summary>
    private static List<BsonType>? EnumTypes(SchemaNode schema, string path)
    {
        if (schema["enum"] is not { } values)
        {
            return null;
        }

        if (!values.IsArray || values.Members.Count == 0)
        {
            throw JsonSchemaRefusedException.At("enum", path, "must be a non-empty array of values");
        }

        return values.Members.Select(member => member.Value.Type).Distinct().ToList();
    }

    public static void CheckKeywords(SchemaNode schema, string path)
    {
        foreach (var (keyword, _) in schema.Members)
        {
            if (!JsonSchemaKeywords.Converted.Contains(keyword) && !JsonSchemaKeywords.ValueConstraints.Contains(keyword))
            {
                throw JsonSchemaRefusedException.At(keyword, path, JsonSchemaKeywords.RefusalReason(keyword));
            }
        }
    }
}
