using System.Text.Json;

namespace Cdc.Schemas.Avro;

/// <summary>
/// Reads schema JSON into the schema model: primitives, records (and errors), enums, arrays, maps, unions, fixed,
/// references to named types defined earlier (in document order, as the specification requires), logical types and
/// any other attributes. Every error names the JSON path (<c>$.fields[2].type</c>) and the offending name.
/// </summary>
internal sealed class AvroSchemaParser
{
    private readonly Dictionary<string, AvroNamedSchema> _named = new(StringComparer.Ordinal);

    private AvroSchemaParser()
    {
    }

    public static AvroSchema Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            throw new AvroException($"The schema is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            // Defaults and extra attributes keep JsonElements; they must outlive the document.
            var root = document.RootElement.Clone();
            return new AvroSchemaParser().ParseSchema(root, enclosingNamespace: null, "$");
        }
    }

    private AvroSchema ParseSchema(JsonElement element, string? enclosingNamespace, string path) => element.ValueKind switch
    {
        JsonValueKind.String => ParseTypeName(element.GetString()!, enclosingNamespace, path),
        JsonValueKind.Array => ParseUnion(element, enclosingNamespace, path),
        JsonValueKind.Object => ParseObject(element, enclosingNamespace, path),
        _ => throw new AvroException($"Expected a schema (a type name, an object or a union array) at {path}, found {element.ValueKind}."),
    };

    private AvroSchema ParseTypeName(string name, string? enclosingNamespace, string path)
    {
        if (TryPrimitive(name) is { } primitive)
        {
            return PrimitiveInstance(primitive);
        }

        return ResolveReference(name, enclosingNamespace, path);
    }

    private AvroNamedSchema ResolveReference(string name, string? enclosingNamespace, string path)
    {
        if (name.Contains('.', StringComparison.Ordinal))
        {
            if (_named.TryGetValue(name, out var byFullName))
            {
                return byFullName;
            }
        }
        else
        {
            if (!AvroNames.IsValidName(name))
            {
                throw new AvroException($"Invalid type name '{name}' at {path}: a name must match [A-Za-z_][A-Za-z0-9_]* and this is not a primitive type.");
            }

            // A short name is looked up in the enclosing namespace first, then in the null namespace.
            if (enclosingNamespace is not null && _named.TryGetValue(enclosingNamespace + "." + name, out var inNamespace))
            {
                return inNamespace;
            }

            if (_named.TryGetValue(name, out var inNull))
            {
                return inNull;
            }
        }

        throw new AvroException($"Unknown type '{name}' at {path}: not a primitive type and no record, enum or fixed of that name is defined before it.");
    }

    private AvroUnionSchema ParseUnion(JsonElement element, string? enclosingNamespace, string path)
    {
        var branches = new List<AvroSchema>(element.GetArrayLength());
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var branchPath = $"{path}[{index++}]";
            if (item.ValueKind == JsonValueKind.Array)
            {
                throw new AvroException($"Nested union at {branchPath}: the specification forbids unions directly inside unions.");
            }

            branches.Add(ParseSchema(item, enclosingNamespace, branchPath));
        }

        try
        {
            return new AvroUnionSchema(branches);
        }
        catch (AvroException e)
        {
            throw new AvroException($"Invalid union at {path}: {e.Message}", e);
        }
    }

    private AvroSchema ParseObject(JsonElement element, string? enclosingNamespace, string path)
    {
        if (!element.TryGetProperty("type", out var typeElement))
        {
            throw new AvroException($"The schema object at {path} has no 'type' attribute.");
        }

        if (typeElement.ValueKind != JsonValueKind.String)
        {
            throw new AvroException($"The 'type' attribute at {path} must be a string naming a type, found {typeElement.ValueKind}.");
        }

        var type = typeElement.GetString()!;
        switch (type)
        {
            case "record":
            case "error":
                return ParseRecord(element, enclosingNamespace, path);
            case "enum":
                return ParseEnum(element, enclosingNamespace, path);
            case "fixed":
                return ParseFixed(element, enclosingNamespace, path);
            case "array":
                return new AvroArraySchema(ParseSchema(Required(element, "items", path), enclosingNamespace, path + ".items"))
                {
                    Properties = ExtraProperties(element, ["type", "items"]),
                };
            case "map":
                return new AvroMapSchema(ParseSchema(Required(element, "values", path), enclosingNamespace, path + ".values"))
                {
                    Properties = ExtraProperties(element, ["type", "values"]),
                };
        }

        if (TryPrimitive(type) is { } primitive)
        {
            var logicalType = OptionalString(element, "logicalType", path);
            var properties = ExtraProperties(element, ["type", "logicalType"]);
            return logicalType is null && properties.Count == 0
                ? PrimitiveInstance(primitive)
                : new AvroPrimitiveSchema(primitive, logicalType) { Properties = properties };
        }

        // {"type": "SomeName"} refers to a named type, as Java's parser allows.
        return ResolveReference(type, enclosingNamespace, path + ".type");
    }

    private AvroRecordSchema ParseRecord(JsonElement element, string? enclosingNamespace, string path)
    {
        var fieldsElement = Required(element, "fields", path);
        if (fieldsElement.ValueKind != JsonValueKind.Array)
        {
            throw new AvroException($"The 'fields' of the record at {path} must be an array, found {fieldsElement.ValueKind}.");
        }

        var fields = new List<AvroField>(fieldsElement.GetArrayLength());
        var record = Define(element, enclosingNamespace, path, (name, ns, doc) => new AvroRecordSchema(name, ns, fields, doc)
        {
            Aliases = Aliases(element, path),
            Properties = ExtraProperties(element, ["type", "name", "namespace", "doc", "aliases", "fields"]),
        });

        var index = 0;
        foreach (var fieldElement in fieldsElement.EnumerateArray())
        {
            fields.Add(ParseField(fieldElement, record, $"{path}.fields[{index++}]"));
        }

        AvroRecordSchema.ValidateFieldNames(record.FullName, fields);
        return record;
    }

    private AvroField ParseField(JsonElement element, AvroRecordSchema record, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new AvroException($"The field at {path} of record '{record.FullName}' must be an object, found {element.ValueKind}.");
        }

        var name = RequiredString(element, "name", path);
        if (!AvroNames.IsValidName(name))
        {
            throw new AvroException($"Invalid field name '{name}' at {path} in record '{record.FullName}': a name must match [A-Za-z_][A-Za-z0-9_]*.");
        }

        var schema = ParseSchema(Required(element, "type", path), record.Namespace, path + ".type");
        JsonElement? defaultValue = element.TryGetProperty("default", out var d) ? d : null;
        if (defaultValue is { } value)
        {
            AvroDefaultValidator.Validate(schema, value, $"{path}.default (field '{name}' of record '{record.FullName}')");
        }

        var order = OptionalString(element, "order", path);
        if (order is not null and not "ascending" and not "descending" and not "ignore")
        {
            throw new AvroException($"Invalid order '{order}' at {path}: expected ascending, descending or ignore.");
        }

        return new AvroField(name, schema, OptionalString(element, "doc", path), defaultValue)
        {
            Order = order,
            Aliases = Aliases(element, path),
            Properties = ExtraProperties(element, ["name", "type", "doc", "default", "order", "aliases"]),
        };
    }

    private AvroEnumSchema ParseEnum(JsonElement element, string? enclosingNamespace, string path)
    {
        var symbolsElement = Required(element, "symbols", path);
        if (symbolsElement.ValueKind != JsonValueKind.Array)
        {
            throw new AvroException($"The 'symbols' of the enum at {path} must be an array, found {symbolsElement.ValueKind}.");
        }

        var symbols = new List<string>(symbolsElement.GetArrayLength());
        foreach (var symbol in symbolsElement.EnumerateArray())
        {
            if (symbol.ValueKind != JsonValueKind.String)
            {
                throw new AvroException($"Enum symbols at {path}.symbols must be strings, found {symbol.ValueKind}.");
            }

            symbols.Add(symbol.GetString()!);
        }

        var defaultSymbol = OptionalString(element, "default", path);
        return Define(element, enclosingNamespace, path, (name, ns, doc) => new AvroEnumSchema(name, ns, symbols, doc, defaultSymbol)
        {
            Aliases = Aliases(element, path),
            Properties = ExtraProperties(element, ["type", "name", "namespace", "doc", "aliases", "symbols", "default"]),
        });
    }

    private AvroFixedSchema ParseFixed(JsonElement element, string? enclosingNamespace, string path)
    {
        var sizeElement = Required(element, "size", path);
        if (sizeElement.ValueKind != JsonValueKind.Number || !sizeElement.TryGetInt32(out var size) || size < 0)
        {
            throw new AvroException($"The 'size' of the fixed at {path} must be a non-negative integer, found {sizeElement.GetRawText()}.");
        }

        var logicalType = OptionalString(element, "logicalType", path);
        return Define(element, enclosingNamespace, path, (name, ns, doc) => new AvroFixedSchema(name, ns, size, doc, logicalType)
        {
            Aliases = Aliases(element, path),
            Properties = ExtraProperties(element, ["type", "name", "namespace", "doc", "aliases", "size", "logicalType"]),
        });
    }

    /// <summary>Builds a named type with namespace inheritance and registers its full name; a second definition is an error.</summary>
    private T Define<T>(JsonElement element, string? enclosingNamespace, string path, Func<string, string?, string?, T> create)
        where T : AvroNamedSchema
    {
        var name = RequiredString(element, "name", path);
        var ns = element.TryGetProperty("namespace", out var nsElement)
            ? nsElement.ValueKind == JsonValueKind.String
                ? nsElement.GetString()
                : throw new AvroException($"The 'namespace' at {path} must be a string, found {nsElement.ValueKind}.")
            : enclosingNamespace;

        T schema;
        try
        {
            schema = create(name, ns, OptionalString(element, "doc", path));
        }
        catch (AvroException e)
        {
            throw new AvroException($"{e.Message} (at {path})", e);
        }

        if (TryPrimitive(schema.FullName) is not null)
        {
            throw new AvroException($"The name '{schema.FullName}' at {path} is a primitive type name and cannot be redefined.");
        }

        if (!_named.TryAdd(schema.FullName, schema))
        {
            throw new AvroException($"The name '{schema.FullName}' is defined twice (again at {path}).");
        }

        return schema;
    }

    private static AvroType? TryPrimitive(string name) => name switch
    {
        "null" => AvroType.Null,
        "boolean" => AvroType.Boolean,
        "int" => AvroType.Int,
        "long" => AvroType.Long,
        "float" => AvroType.Float,
        "double" => AvroType.Double,
        "bytes" => AvroType.Bytes,
        "string" => AvroType.String,
        _ => null,
    };

    private static AvroPrimitiveSchema PrimitiveInstance(AvroType type) => type switch
    {
        AvroType.Null => AvroPrimitiveSchema.Null,
        AvroType.Boolean => AvroPrimitiveSchema.Boolean,
        AvroType.Int => AvroPrimitiveSchema.Int,
        AvroType.Long => AvroPrimitiveSchema.Long,
        AvroType.Float => AvroPrimitiveSchema.Float,
        AvroType.Double => AvroPrimitiveSchema.Double,
        AvroType.Bytes => AvroPrimitiveSchema.Bytes,
        _ => AvroPrimitiveSchema.String,
    };

    private static JsonElement Required(JsonElement element, string property, string path) =>
        element.TryGetProperty(property, out var value)
            ? value
            : throw new AvroException($"The schema object at {path} has no '{property}' attribute.");

    private static string RequiredString(JsonElement element, string property, string path) =>
        OptionalString(element, property, path)
        ?? throw new AvroException($"The schema object at {path} has no '{property}' attribute.");

    private static string? OptionalString(JsonElement element, string property, string path)
    {
        if (!element.TryGetProperty(property, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new AvroException($"The '{property}' attribute at {path} must be a string, found {value.ValueKind}.");
    }

    private static List<string> Aliases(JsonElement element, string path)
    {
        var aliases = new List<string>();
        if (!element.TryGetProperty("aliases", out var value))
        {
            return aliases;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new AvroException($"The 'aliases' at {path} must be an array of names, found {value.ValueKind}.");
        }

        foreach (var alias in value.EnumerateArray())
        {
            var text = alias.ValueKind == JsonValueKind.String ? alias.GetString()! : null;
            if (text is null || !AvroNames.IsValidNamespace(text))
            {
                throw new AvroException($"Invalid alias {alias.GetRawText()} at {path}: an alias is a (dotted) Avro name.");
            }

            aliases.Add(text);
        }

        return aliases;
    }

    private static List<KeyValuePair<string, JsonElement>> ExtraProperties(JsonElement element, string[] known)
    {
        var extra = new List<KeyValuePair<string, JsonElement>>();
        foreach (var property in element.EnumerateObject())
        {
            if (Array.IndexOf(known, property.Name) < 0)
            {
                extra.Add(new(property.Name, property.Value));
            }
        }

        return extra;
    }
}
