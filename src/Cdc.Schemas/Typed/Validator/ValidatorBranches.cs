using System.Buffers;
using System.Text.Json;
using Cdc.Schemas.Avro;
using Cdc.Schemas.Bson;

namespace Cdc.Schemas.Typed.Validator;

/// <summary>
/// The union branch of each BSON type (issue 19's type table, rule 3) for the scalar types, and the branch conflicts of
/// rule 6: two types whose branches would be the same Avro kind (string + objectId, long + date, …) are both written as
/// canonical Extended JSON in one <c>{"type":"string","mongodb.type":"extendedJson"}</c> branch, transitively.
/// Documents and arrays are built by <see cref="JsonSchemaConverter"/>, which walks their subschemas.
/// </summary>
internal static class ValidatorBranches
{
    public const string TypeProperty = "mongodb.type";

    public static AvroPrimitiveSchema ExtendedJson { get; } = Tagged(AvroType.String, "extendedJson");

    private static readonly AvroPrimitiveSchema ObjectId = Tagged(AvroType.String, "objectId");
    private static readonly AvroPrimitiveSchema Decimal = Tagged(AvroType.String, "decimal128");
    private static readonly AvroPrimitiveSchema Date = new(AvroType.Long, "timestamp-millis");

    /// <summary>Whether the type table writes every value of <paramref name="type"/> as Extended JSON (minKey, javascript, …).</summary>
    public static bool IsAlwaysExtendedJson(BsonType type) => type is BsonType.Undefined or BsonType.DBPointer or BsonType.JavaScript
        or BsonType.Symbol or BsonType.JavaScriptWithScope or BsonType.MinKey or BsonType.MaxKey;

    /// <summary>
    /// The types of <paramref name="types"/> (null left out) that rule 6 writes as Extended JSON: those the table
    /// always writes so, and every type whose branch kind another type shares, repeated until nothing changes.
    /// </summary>
    public static HashSet<BsonType> WrittenAsExtendedJson(IReadOnlyList<BsonType> types)
    {
        var asJson = new HashSet<BsonType>(types.Where(IsAlwaysExtendedJson));
        bool changed;
        do
        {
            changed = false;
            var groups = types.Where(type => type != BsonType.Null).Distinct().GroupBy(type => asJson.Contains(type) ? "string" : KindOf(type));
            foreach (var group in groups.Where(group => group.Count() > 1))
            {
                foreach (var type in group)
                {
                    changed |= asJson.Add(type);
                }
            }
        }
        while (changed);

        return asJson;
    }

    /// <summary>The branch of a scalar type for the field <paramref name="fieldName"/> of the record whose full name is <paramref name="recordFullName"/>.</summary>
    public static AvroSchema Scalar(BsonType type, string fieldName, string recordFullName) => type switch
    {
        BsonType.Double => AvroPrimitiveSchema.Double,
        BsonType.Int32 => AvroPrimitiveSchema.Int,
        BsonType.Int64 => AvroPrimitiveSchema.Long,
        BsonType.Boolean => AvroPrimitiveSchema.Boolean,
        BsonType.String => AvroPrimitiveSchema.String,
        BsonType.DateTime => Date,
        BsonType.ObjectId => ObjectId,
        BsonType.Decimal128 => Decimal,
        BsonType.Binary => AvroPrimitiveSchema.Bytes,
        BsonType.Timestamp => new AvroRecordSchema(
            $"{fieldName}_timestamp",
            recordFullName,
            [new AvroField("t", AvroPrimitiveSchema.Long), new AvroField("i", AvroPrimitiveSchema.Long)])
        {
            Properties = [Property(TypeProperty, "timestamp")],
        },
        BsonType.RegularExpression => new AvroRecordSchema(
            $"{fieldName}_regex",
            recordFullName,
            [new AvroField("pattern", AvroPrimitiveSchema.String), new AvroField("options", AvroPrimitiveSchema.String)])
        {
            Properties = [Property(TypeProperty, "regex")],
        },
        _ when IsAlwaysExtendedJson(type) => ExtendedJson,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Documents, arrays and null have no scalar branch."),
    };

    /// <summary>A schema property whose value is a JSON string.</summary>
    public static KeyValuePair<string, JsonElement> Property(string name, string value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStringValue(value);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return new(name, document.RootElement.Clone());
    }

    /// <summary>What rule 6 compares: two types of one kind cannot both be branches of one union.</summary>
    private static string KindOf(BsonType type) => type switch
    {
        BsonType.Double => "double",
        BsonType.Int32 => "int",
        BsonType.Int64 or BsonType.DateTime => "long",
        BsonType.Boolean => "boolean",
        BsonType.Binary => "bytes",
        BsonType.Document => "record",
        BsonType.Timestamp => "record_timestamp",
        BsonType.RegularExpression => "record_regex",
        BsonType.Array => "array",
        _ => "string",
    };

    private static AvroPrimitiveSchema Tagged(AvroType type, string mongoType) =>
        new(type) { Properties = [Property(TypeProperty, mongoType)] };
}
