using System.Text;
using Cdc.Schemas.Avro;
using Cdc.Schemas.Bson;

namespace Cdc.Schemas.Typed;

/// <summary>
/// Infers typed value schemas from documents and widens them (docs/typed-values.md, rules 1–7). A schema only ever
/// grows: a new field is appended as <c>["null", …]</c> with default null, a new BSON type appends a union branch,
/// nested records and array items widen in place, and two BSON types of one Avro type turn that branch into Extended
/// JSON text (rule 6). Nothing is dropped, renamed or reordered, and the result depends only on the schema and the
/// documents, in order, so the same documents always give the same schema JSON.
/// Allocates freely: it runs only for a document that does not fit the current schema.
/// </summary>
internal static class TypedSchemaBuilder
{
    /// <summary>
    /// The value record (<c>__cdc</c> first, then the document's fields) for one document; for none (an empty span: a
    /// delete or an event without a document came first) the record of <c>__cdc</c> alone, to widen later.
    /// </summary>
    /// <exception cref="TypedSchemaException">The document cannot be represented (a key that occurs twice, a name clash).</exception>
    public static AvroRecordSchema FromDocument(string name, string? @namespace, ReadOnlySpan<byte> document)
    {
        var empty = TypedValueSchemas.Empty(name, @namespace);
        return document.IsEmpty ? empty : Widen(empty, document) ?? empty;
    }

    /// <summary>
    /// Null when <paramref name="document"/> fits <paramref name="valueSchema"/> as it is; else the widened schema, a
    /// new instance. Only inferred schemas widen: a declared field (not a union) that a value does not fit throws.
    /// </summary>
    /// <exception cref="TypedSchemaException">The schema cannot widen to take the document; the message says why.</exception>
    public static AvroRecordSchema? Widen(AvroRecordSchema valueSchema, ReadOnlySpan<byte> document)
    {
        TypedValueSchemas.RequireMetadataFirst(valueSchema);
        var reader = new BsonReader(document);
        var widened = WidenRecord(valueSchema, ref reader, firstDocumentField: 1, path: string.Empty, depth: 1);
        if (ReferenceEquals(widened, valueSchema))
        {
            return null;
        }

        try
        {
            // Named types are named by path, so a field called "a_timestamp" holding a document and a field "a"
            // holding a timestamp would both define "a_timestamp"; the writer catches any such clash.
            _ = widened.ToJson();
        }
        catch (AvroException e)
        {
            throw new TypedSchemaException($"Widening the schema '{valueSchema.FullName}' for this document gives two different types one name: {e.Message} The document cannot be represented with path-named types; route it to the dead-letter topic or declare a schema for the namespace.", e);
        }

        return widened;
    }

    private static AvroRecordSchema WidenRecord(AvroRecordSchema record, ref BsonReader reader, int firstDocumentField, string path, int depth)
    {
        if (depth > BsonLimits.MaxNestingDepth)
        {
            throw new TypedSchemaException($"The document nests deeper than {BsonLimits.MaxNestingDepth} levels at '{path}'; BSON itself allows no more.");
        }

        List<AvroField>? changed = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.MoveNext())
        {
            var element = reader.Current;
            var original = Encoding.UTF8.GetString(element.Name);
            var fieldPath = TypedNames.Join(path, original);
            if (!seen.Add(original))
            {
                throw new TypedSchemaException($"The document has the field '{fieldPath}' twice; an Avro record holds one value per field, so it cannot be written without losing one. Remove the duplicate key at the source or route the event to the dead-letter topic.");
            }

            IReadOnlyList<AvroField> fields = changed ?? record.Fields;
            var index = IndexOfOriginal(fields, original, firstDocumentField);
            if (index < 0)
            {
                changed ??= [.. record.Fields];
                changed.Add(NewField(record, original, in element, fieldPath, depth));
                continue;
            }

            var field = fields[index];
            if (field.Schema is not AvroUnionSchema union)
            {
                throw new TypedSchemaException($"The field '{fieldPath}' of '{record.FullName}' is not a union, so it is from a declared schema, and declared schemas do not widen: the value ({element.Type}) does not fit it. Fix the document or the declared .avsc.");
            }

            var branches = WidenBranches(union.Branches, in element, record.FullName, field.Name, fieldPath, depth);
            if (!ReferenceEquals(branches, union.Branches))
            {
                changed ??= [.. record.Fields];
                changed[index] = new AvroField(field.Name, new AvroUnionSchema(branches), field.Doc, field.DefaultValue)
                {
                    Order = field.Order,
                    Aliases = field.Aliases,
                    Properties = field.Properties,
                };
            }
        }

        return changed is null
            ? record
            : new AvroRecordSchema(record.Name, record.Namespace, changed, record.Doc) { Aliases = record.Aliases, Properties = record.Properties };
    }

    private static AvroField NewField(AvroRecordSchema record, string original, scoped in BsonElement element, string fieldPath, int depth)
    {
        var avroName = TypedNames.FieldName(original);
        foreach (var existing in record.Fields)
        {
            if (existing.Name == avroName)
            {
                throw new TypedSchemaException($"The field '{fieldPath}' maps to the Avro name '{avroName}', which '{TypedNames.OriginalName(existing)}' of '{record.FullName}' already has (a 32-bit hash collision of sanitised names). Rename one of the fields at the source or declare a schema for the namespace.");
            }
        }

        var branches = WidenBranches([AvroPrimitiveSchema.Null], in element, record.FullName, avroName, fieldPath, depth);
        return new AvroField(avroName, new AvroUnionSchema(branches), defaultValue: TypedSchemaProperties.NullDefault)
        {
            Properties = avroName == original ? [] : [new(TypedSchemaProperties.MongoDbName, TypedSchemaProperties.StringValue(original))],
        };
    }

    /// <summary>The branches after taking <paramref name="element"/>: the same list instance when it already fits.</summary>
    private static IReadOnlyList<AvroSchema> WidenBranches(IReadOnlyList<AvroSchema> branches, scoped in BsonElement element, string @namespace, string baseName, string path, int depth)
    {
        var value = BsonValueClasses.Of(in element);
        if (value == BsonValueClass.Null)
        {
            return IndexOfKind(branches, TypedBranchKind.Null) >= 0 ? branches : [.. branches, AvroPrimitiveSchema.Null];
        }

        var index = TypedBranches.Find(branches, value, declared: false);
        if (index >= 0)
        {
            var branch = branches[index];
            var widened = TypedBranches.Classify(branch) switch
            {
                TypedBranchKind.Document => WidenDocument((AvroRecordSchema)branch, in element, path, depth),
                TypedBranchKind.Array => WidenArray((AvroArraySchema)branch, in element, @namespace, baseName, path, depth),
                _ => branch,
            };
            if (ReferenceEquals(widened, branch))
            {
                return branches;
            }

            var replaced = new List<AvroSchema>(branches) { [index] = widened };
            return replaced;
        }

        var created = NewBranch(TypedBranches.NaturalKind(value), in element, @namespace, baseName, path, depth);
        var conflict = IndexOfSameAvroType(branches, created);
        return conflict < 0 ? [.. branches, created] : ResolveConflict(branches, conflict, created, path);
    }

    /// <summary>
    /// Rule 6: the union's branch of the new value's Avro type becomes the Extended JSON string branch, and so,
    /// transitively, does its string branch; the two merge at the position of the first.
    /// </summary>
    private static List<AvroSchema> ResolveConflict(IReadOnlyList<AvroSchema> branches, int conflict, AvroSchema created, string path)
    {
        var type = branches[conflict].Type;
        if (type is not (AvroType.String or AvroType.Long))
        {
            throw new TypedSchemaException($"The field '{path}' would need two {type} branches ({branches[conflict]} and {created}); only string and long branches can fold into Extended JSON text. The schema did not come from these conventions: declare the namespace's schema instead.");
        }

        var result = new List<AvroSchema>(branches.Count);
        var placed = false;
        for (var i = 0; i < branches.Count; i++)
        {
            if (i == conflict || branches[i].Type == AvroType.String)
            {
                if (!placed)
                {
                    result.Add(NewExtendedJsonBranch());
                    placed = true;
                }
            }
            else
            {
                result.Add(branches[i]);
            }
        }

        return result;
    }

    private static AvroSchema NewBranch(TypedBranchKind kind, scoped in BsonElement element, string @namespace, string baseName, string path, int depth) => kind switch
    {
        TypedBranchKind.Boolean => AvroPrimitiveSchema.Boolean,
        TypedBranchKind.Int => AvroPrimitiveSchema.Int,
        TypedBranchKind.Long => AvroPrimitiveSchema.Long,
        TypedBranchKind.Double => AvroPrimitiveSchema.Double,
        TypedBranchKind.String => AvroPrimitiveSchema.String,
        TypedBranchKind.Bytes => AvroPrimitiveSchema.Bytes,
        TypedBranchKind.DateMillis => new AvroPrimitiveSchema(AvroType.Long, "timestamp-millis"),
        TypedBranchKind.ObjectId => Tagged(new AvroPrimitiveSchema(AvroType.String), TypedSchemaProperties.ObjectId),
        TypedBranchKind.Decimal128 => Tagged(new AvroPrimitiveSchema(AvroType.String), TypedSchemaProperties.Decimal128),
        TypedBranchKind.Uuid => new AvroPrimitiveSchema(AvroType.String, "uuid") { Properties = [Tag(TypedSchemaProperties.Uuid)] },
        TypedBranchKind.Timestamp => new AvroRecordSchema(TypedNames.Timestamp(baseName), @namespace,
            [new AvroField("t", AvroPrimitiveSchema.Long), new AvroField("i", AvroPrimitiveSchema.Long)])
        {
            Properties = [Tag(TypedSchemaProperties.Timestamp)],
        },
        TypedBranchKind.RegularExpression => new AvroRecordSchema(TypedNames.RegularExpression(baseName), @namespace,
            [new AvroField("pattern", AvroPrimitiveSchema.String), new AvroField("options", AvroPrimitiveSchema.String)])
        {
            Properties = [Tag(TypedSchemaProperties.RegularExpression)],
        },
        TypedBranchKind.Document => WidenDocument(new AvroRecordSchema(baseName, @namespace, []), in element, path, depth),
        TypedBranchKind.Array => WidenArray(null, in element, @namespace, baseName, path, depth),
        _ => NewExtendedJsonBranch(),
    };

    private static AvroRecordSchema WidenDocument(AvroRecordSchema record, scoped in BsonElement element, string path, int depth)
    {
        var child = element.GetDocumentReader();
        return WidenRecord(record, ref child, firstDocumentField: 0, path, depth + 1);
    }

    /// <summary>Items are a union of the item branches in the order first seen; an array only ever seen empty has items "null".</summary>
    private static AvroArraySchema WidenArray(AvroArraySchema? array, scoped in BsonElement element, string @namespace, string baseName, string path, int depth)
    {
        if (depth >= BsonLimits.MaxNestingDepth)
        {
            throw new TypedSchemaException($"The document nests deeper than {BsonLimits.MaxNestingDepth} levels at '{path}'; BSON itself allows no more.");
        }

        IReadOnlyList<AvroSchema> items = array?.Items switch
        {
            null => [],
            AvroUnionSchema union => union.Branches,
            { Type: AvroType.Null } plainNull => [plainNull],
            _ => throw new TypedSchemaException($"The items of the array '{path}' are not a union, so they are from a declared schema, and declared schemas do not widen. Fix the document or the declared .avsc."),
        };
        var before = items;
        var reader = element.GetDocumentReader();
        var itemBase = TypedNames.Items(baseName);
        var itemPath = path + "[]";
        while (reader.MoveNext())
        {
            var item = reader.Current;
            items = WidenBranches(items, in item, @namespace, itemBase, itemPath, depth + 1);
        }

        if (array is not null && ReferenceEquals(items, before))
        {
            return array;
        }

        return new AvroArraySchema(items.Count == 0 ? AvroPrimitiveSchema.Null : new AvroUnionSchema(items));
    }

    private static int IndexOfOriginal(IReadOnlyList<AvroField> fields, string original, int first)
    {
        for (var i = first; i < fields.Count; i++)
        {
            if (TypedNames.OriginalName(fields[i]) == original)
            {
                return i;
            }
        }

        return -1;
    }

    private static int IndexOfKind(IReadOnlyList<AvroSchema> branches, TypedBranchKind kind)
    {
        for (var i = 0; i < branches.Count; i++)
        {
            if (TypedBranches.Classify(branches[i]) == kind)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Avro's own rule for a union: one branch per unnamed type, one per full name.</summary>
    private static int IndexOfSameAvroType(IReadOnlyList<AvroSchema> branches, AvroSchema created)
    {
        for (var i = 0; i < branches.Count; i++)
        {
            var branch = branches[i];
            if (branch.Type != created.Type)
            {
                continue;
            }

            if (branch is not AvroNamedSchema named || named.FullName == ((AvroNamedSchema)created).FullName)
            {
                return i;
            }
        }

        return -1;
    }

    private static AvroPrimitiveSchema NewExtendedJsonBranch() => Tagged(new AvroPrimitiveSchema(AvroType.String), TypedSchemaProperties.ExtendedJson);

    private static AvroPrimitiveSchema Tagged(AvroPrimitiveSchema schema, string mongoType) =>
        new(schema.Type, schema.LogicalType) { Properties = [Tag(mongoType)] };

    private static KeyValuePair<string, System.Text.Json.JsonElement> Tag(string mongoType) =>
        new(TypedSchemaProperties.MongoDbType, TypedSchemaProperties.StringValue(mongoType));
}
