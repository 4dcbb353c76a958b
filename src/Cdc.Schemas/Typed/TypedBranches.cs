using Cdc.Schemas.Avro;

namespace Cdc.Schemas.Typed;

/// <summary>
/// The type table in both directions: which branch kind a schema is (<see cref="Classify"/>), which kind a BSON value
/// asks for (<see cref="NaturalKind"/>), and which branch of a union takes a value (<see cref="Find"/>). The schema
/// builder, the plan compiler and the schema check all decide through these, so they cannot disagree.
/// </summary>
internal static class TypedBranches
{
    /// <summary>The branch kind of <paramref name="schema"/>, or null when the type table has no such branch.</summary>
    public static TypedBranchKind? Classify(AvroSchema schema) => schema switch
    {
        AvroPrimitiveSchema primitive => ClassifyPrimitive(primitive),
        AvroRecordSchema record => ClassifyRecord(record),
        AvroArraySchema => TypedBranchKind.Array,
        _ => null,
    };

    public static TypedBranchKind NaturalKind(BsonValueClass value) => value switch
    {
        BsonValueClass.Null => TypedBranchKind.Null,
        BsonValueClass.Double => TypedBranchKind.Double,
        BsonValueClass.String => TypedBranchKind.String,
        BsonValueClass.Document => TypedBranchKind.Document,
        BsonValueClass.Array => TypedBranchKind.Array,
        BsonValueClass.BinaryGeneric => TypedBranchKind.Bytes,
        BsonValueClass.BinaryUuid => TypedBranchKind.Uuid,
        BsonValueClass.ObjectId => TypedBranchKind.ObjectId,
        BsonValueClass.Boolean => TypedBranchKind.Boolean,
        BsonValueClass.DateTime => TypedBranchKind.DateMillis,
        BsonValueClass.RegularExpression => TypedBranchKind.RegularExpression,
        BsonValueClass.Int32 => TypedBranchKind.Int,
        BsonValueClass.Timestamp => TypedBranchKind.Timestamp,
        BsonValueClass.Int64 => TypedBranchKind.Long,
        BsonValueClass.Decimal128 => TypedBranchKind.Decimal128,
        _ => TypedBranchKind.ExtendedJson,
    };

    /// <summary>The Avro type a branch of this kind has: two branches of one Avro type cannot share a union (rule 6).</summary>
    public static AvroType AvroTypeOf(TypedBranchKind kind) => kind switch
    {
        TypedBranchKind.Null => AvroType.Null,
        TypedBranchKind.Boolean => AvroType.Boolean,
        TypedBranchKind.Int => AvroType.Int,
        TypedBranchKind.Long or TypedBranchKind.DateMillis => AvroType.Long,
        TypedBranchKind.Double => AvroType.Double,
        TypedBranchKind.Bytes or TypedBranchKind.DecimalBytes => AvroType.Bytes,
        TypedBranchKind.Timestamp or TypedBranchKind.RegularExpression or TypedBranchKind.Document => AvroType.Record,
        TypedBranchKind.Array => AvroType.Array,
        _ => AvroType.String,
    };

    /// <summary>
    /// The index of the branch of <paramref name="branches"/> that takes a value of class <paramref name="value"/>, or
    /// -1 when none does (the value does not fit). In order: the branch of the value's own kind; the Extended JSON
    /// branch for a value whose Avro type is string (rule 6 turned the union's one string branch into it) or long when
    /// the union has no long branch left (rule 6 turned it into the Extended JSON branch); and, in declared schemas
    /// only, a <c>long</c> for an int32 and a <c>decimal</c> for a decimal128.
    /// </summary>
    public static int Find(IReadOnlyList<AvroSchema> branches, BsonValueClass value, bool declared)
    {
        var natural = NaturalKind(value);
        var naturalType = AvroTypeOf(natural);
        var extendedJson = -1;
        var sameAvroType = -1;
        var declaredLong = -1;
        var declaredDecimal = -1;
        for (var i = 0; i < branches.Count; i++)
        {
            var kind = Classify(branches[i]);
            if (kind == natural)
            {
                return i;
            }

            if (kind is null)
            {
                continue;
            }

            extendedJson = kind == TypedBranchKind.ExtendedJson && extendedJson < 0 ? i : extendedJson;
            sameAvroType = AvroTypeOf(kind.Value) == naturalType && sameAvroType < 0 ? i : sameAvroType;
            declaredLong = kind == TypedBranchKind.Long && declaredLong < 0 ? i : declaredLong;
            declaredDecimal = kind == TypedBranchKind.DecimalBytes && declaredDecimal < 0 ? i : declaredDecimal;
        }

        if (extendedJson >= 0 && (naturalType == AvroType.String || (naturalType == AvroType.Long && sameAvroType < 0)))
        {
            return extendedJson;
        }

        if (declared && value == BsonValueClass.Int32 && declaredLong >= 0)
        {
            return declaredLong;
        }

        return declared && value == BsonValueClass.Decimal128 ? declaredDecimal : -1;
    }

    private static TypedBranchKind? ClassifyPrimitive(AvroPrimitiveSchema primitive)
    {
        var mongoType = TypedSchemaProperties.Find(primitive.Properties, TypedSchemaProperties.MongoDbType);
        return (primitive.Type, primitive.LogicalType, mongoType) switch
        {
            (AvroType.Null, null, null) => TypedBranchKind.Null,
            (AvroType.Boolean, null, null) => TypedBranchKind.Boolean,
            (AvroType.Int, null, null) => TypedBranchKind.Int,
            (AvroType.Long, null, null) => TypedBranchKind.Long,
            (AvroType.Long, "timestamp-millis", null) => TypedBranchKind.DateMillis,
            (AvroType.Double, null, null) => TypedBranchKind.Double,
            (AvroType.Bytes, null, null) => TypedBranchKind.Bytes,
            (AvroType.Bytes, "decimal", null) => TypedBranchKind.DecimalBytes,
            (AvroType.String, null, null) => TypedBranchKind.String,
            (AvroType.String, null, TypedSchemaProperties.ObjectId) => TypedBranchKind.ObjectId,
            (AvroType.String, null, TypedSchemaProperties.Decimal128) => TypedBranchKind.Decimal128,
            (AvroType.String, null, TypedSchemaProperties.ExtendedJson) => TypedBranchKind.ExtendedJson,
            (AvroType.String, "uuid", TypedSchemaProperties.Uuid or null) => TypedBranchKind.Uuid,
            _ => null,
        };
    }

    private static TypedBranchKind? ClassifyRecord(AvroRecordSchema record) =>
        TypedSchemaProperties.Find(record.Properties, TypedSchemaProperties.MongoDbType) switch
        {
            null => TypedBranchKind.Document,
            TypedSchemaProperties.Timestamp when HasTwoFields(record, "t", "i", AvroType.Long) => TypedBranchKind.Timestamp,
            TypedSchemaProperties.RegularExpression when HasTwoFields(record, "pattern", "options", AvroType.String) => TypedBranchKind.RegularExpression,
            _ => null,
        };

    private static bool HasTwoFields(AvroRecordSchema record, string first, string second, AvroType type) =>
        record.Fields.Count == 2
        && record.Fields[0].Name == first && IsPlain(record.Fields[0].Schema, type)
        && record.Fields[1].Name == second && IsPlain(record.Fields[1].Schema, type);

    private static bool IsPlain(AvroSchema schema, AvroType type) => schema is AvroPrimitiveSchema { LogicalType: null } primitive && primitive.Type == type;
}
