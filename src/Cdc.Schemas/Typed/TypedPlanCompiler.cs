using System.Text;
using System.Text.Json;
using Cdc.Schemas.Avro;

namespace Cdc.Schemas.Typed;

/// <summary>
/// Turns a value schema into plans (<see cref="TypedWritePlan"/>), deciding once per place and per class of BSON value
/// which branch takes it (<see cref="TypedBranches.Find"/>). Every schema element it cannot write is an error here, at
/// compile time, naming the field path, so the writer itself never meets a schema it does not understand.
/// </summary>
internal sealed class TypedPlanCompiler(bool declared)
{
    /// <summary>38 digits fit an unscaled value in 128 bits (10^38 &lt; 2^127), which the writer computes in.</summary>
    private const int MaxDecimalPrecision = 38;

    public TypedRecordPlan CompileRecord(AvroRecordSchema record, string path, int firstDocumentField)
    {
        var fields = new TypedFieldPlan[record.Fields.Count - firstDocumentField];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = firstDocumentField; i < record.Fields.Count; i++)
        {
            var field = record.Fields[i];
            var original = TypedNames.OriginalName(field);
            var fieldPath = TypedNames.Join(path, original);
            if (!seen.Add(original))
            {
                throw new TypedSchemaException($"Two fields of '{record.FullName}' stand for the document field '{fieldPath}' (by name or mongodb.name); a document field must map to one Avro field.");
            }

            if (!declared && !IsNullableWithNullDefault(field))
            {
                throw new TypedSchemaException($"The field '{fieldPath}' of '{record.FullName}' is {field.Schema.ToJson()} without default null; inferred schemas make every document field [\"null\", …] with default null (rule 2).");
            }

            fields[i - firstDocumentField] = new TypedFieldPlan(Encoding.UTF8.GetBytes(original), CompileValue(field.Schema, fieldPath), EncodeDefault(field));
        }

        return new TypedRecordPlan(path, fields);
    }

    private static bool IsNullableWithNullDefault(AvroField field) =>
        field.Schema is AvroUnionSchema { Branches: [{ Type: AvroType.Null }, ..] }
        && field.DefaultValue is { ValueKind: JsonValueKind.Null };

    private TypedValuePlan CompileValue(AvroSchema schema, string path)
    {
        var isUnion = schema is AvroUnionSchema;
        IReadOnlyList<AvroSchema> branches = schema is AvroUnionSchema union ? union.Branches : [schema];
        if (!isUnion && !declared && schema.Type != AvroType.Null)
        {
            throw new TypedSchemaException($"The field '{path}' has the type {schema.ToJson()}, not a union; inferred schemas make every document field [\"null\", …]. Compile it as a declared schema if a user wrote it.");
        }

        var kinds = new TypedBranchKind[branches.Count];
        var nullBranch = TypedValuePlan.NullNotAccepted;
        for (var i = 0; i < branches.Count; i++)
        {
            kinds[i] = Classify(branches[i], path);
            if (kinds[i] == TypedBranchKind.Null)
            {
                nullBranch = isUnion ? i : TypedValuePlan.NullWithoutIndex;
            }
        }

        var compiled = new TypedBranchPlan?[branches.Count];
        var byClass = new TypedBranchPlan?[BsonValueClasses.Count];
        for (var value = BsonValueClass.Double; value <= BsonValueClass.Other; value++)
        {
            var index = TypedBranches.Find(branches, value, declared);
            if (index < 0)
            {
                continue;
            }

            var encoding = EncodingFor(kinds[index], value);
            byClass[(int)value] = encoding switch
            {
                // One plan per branch, shared by the classes that use it the same way.
                TypedValueEncoding.Document or TypedValueEncoding.Array or TypedValueEncoding.DecimalBytes =>
                    compiled[index] ??= CompileBranch(branches[index], isUnion ? index : -1, encoding, path),
                _ => new TypedBranchPlan(isUnion ? index : -1, encoding),
            };
        }

        return new TypedValuePlan(path, nullBranch, byClass);
    }

    private TypedBranchPlan CompileBranch(AvroSchema branch, int index, TypedValueEncoding encoding, string path) => encoding switch
    {
        TypedValueEncoding.Document => new TypedBranchPlan(index, encoding) { Record = CompileRecord((AvroRecordSchema)branch, path, firstDocumentField: 0) },
        TypedValueEncoding.Array => new TypedBranchPlan(index, encoding) { Items = CompileValue(((AvroArraySchema)branch).Items, path + "[]") },
        _ => CompileDecimal(branch, index, path),
    };

    private static TypedBranchPlan CompileDecimal(AvroSchema branch, int index, string path)
    {
        var precision = IntProperty(branch, "precision");
        var scale = IntProperty(branch, "scale") ?? 0;
        if (precision is not (>= 1 and <= MaxDecimalPrecision) || scale < 0 || scale > precision)
        {
            throw new TypedSchemaException($"The decimal of field '{path}' ({branch.ToJson()}) needs a precision from 1 to {MaxDecimalPrecision} and a scale from 0 to the precision; set \"precision\" and \"scale\" accordingly.");
        }

        return new TypedBranchPlan(index, TypedValueEncoding.DecimalBytes) { Precision = precision.Value, Scale = scale };
    }

    private TypedBranchKind Classify(AvroSchema branch, string path)
    {
        var kind = TypedBranches.Classify(branch)
            ?? throw new TypedSchemaException($"The field '{path}' has the type {branch.ToJson()}, which is not in the typed-value type table (docs/typed-values.md); use one of its types{(declared ? " or decimal(p,s) bytes" : string.Empty)}.");
        if (kind == TypedBranchKind.DecimalBytes && !declared)
        {
            throw new TypedSchemaException($"The field '{path}' is a decimal ({branch.ToJson()}); only declared schemas use decimals, inferred ones keep decimal128 as text.");
        }

        return kind;
    }

    private static TypedValueEncoding EncodingFor(TypedBranchKind kind, BsonValueClass value)
    {
        if (kind == TypedBranchKind.ExtendedJson)
        {
            return TypedValueEncoding.ExtendedJson;
        }

        return kind switch
        {
            TypedBranchKind.Boolean => TypedValueEncoding.Boolean,
            TypedBranchKind.Int => TypedValueEncoding.Int,
            TypedBranchKind.Long => value == BsonValueClass.Int32 ? TypedValueEncoding.Int32AsLong : TypedValueEncoding.Long,
            TypedBranchKind.Double => TypedValueEncoding.Double,
            TypedBranchKind.String => TypedValueEncoding.String,
            TypedBranchKind.Bytes => TypedValueEncoding.Bytes,
            TypedBranchKind.DateMillis => TypedValueEncoding.DateMillis,
            TypedBranchKind.ObjectId => TypedValueEncoding.ObjectIdHex,
            TypedBranchKind.Decimal128 => TypedValueEncoding.Decimal128Text,
            TypedBranchKind.Uuid => TypedValueEncoding.UuidText,
            TypedBranchKind.Timestamp => TypedValueEncoding.Timestamp,
            TypedBranchKind.RegularExpression => TypedValueEncoding.RegularExpression,
            TypedBranchKind.Document => TypedValueEncoding.Document,
            TypedBranchKind.Array => TypedValueEncoding.Array,
            TypedBranchKind.DecimalBytes => TypedValueEncoding.DecimalBytes,
            _ => throw new InvalidOperationException($"No encoding of a {value} value into a {kind} branch."),
        };
    }

    /// <summary>
    /// The Avro binary of a non-union field's default, for the kinds whose JSON default maps to one value without
    /// interpretation (boolean, int, long, timestamp-millis, double, string); null otherwise.
    /// </summary>
    private static byte[]? EncodeDefault(AvroField field)
    {
        if (field.DefaultValue is not { } value || field.Schema is AvroUnionSchema)
        {
            return null;
        }

        var output = new System.Buffers.ArrayBufferWriter<byte>(16);
        switch (TypedBranches.Classify(field.Schema))
        {
            case TypedBranchKind.Boolean when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                AvroBinary.WriteBoolean(output, value.GetBoolean());
                break;
            case TypedBranchKind.Int when value.TryGetInt32(out var number):
                AvroBinary.WriteInt(output, number);
                break;
            case TypedBranchKind.Long or TypedBranchKind.DateMillis when value.TryGetInt64(out var number):
                AvroBinary.WriteLong(output, number);
                break;
            case TypedBranchKind.Double when value.ValueKind == JsonValueKind.Number:
                AvroBinary.WriteDouble(output, value.GetDouble());
                break;
            case TypedBranchKind.String when value.ValueKind == JsonValueKind.String:
                AvroBinary.WriteString(output, value.GetString()!);
                break;
            case TypedBranchKind.Null:
                break;
            default:
                return null;
        }

        return output.WrittenSpan.ToArray();
    }

    private static int? IntProperty(AvroSchema schema, string name)
    {
        foreach (var (key, value) in schema.Properties)
        {
            if (key == name)
            {
                return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;
            }
        }

        return null;
    }
}
