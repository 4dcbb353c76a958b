using System.Globalization;
using System.Text.Json.Nodes;
using Cdc.Schemas.Avro;
using Cdc.Schemas.Typed;

namespace Cdc.Schemas.Tests.Typed;

/// <summary>
/// The same consumer as <see cref="TypedExtendedJsonRebuilder"/>, fed by avsc instead of Apache.Avro: avsc's decoding
/// as tests/js/avro-peer.mjs shapes it (unions wrapped as <c>{"branch": value}</c>, the branch a type name or a named
/// type's full name; longs as decimal strings; bytes as base64; non-finite doubles as "NaN", "Infinity", "-Infinity").
/// </summary>
internal static class TypedAvscRebuilder
{
    public static string Rebuild(AvroRecordSchema valueSchema, JsonNode value) =>
        Record(valueSchema, value.AsObject(), firstField: 1).ToJsonString();

    private static JsonObject Record(AvroRecordSchema schema, JsonObject value, int firstField)
    {
        var json = new JsonObject();
        for (var i = firstField; i < schema.Fields.Count; i++)
        {
            var field = schema.Fields[i];
            json[TypedNames.OriginalName(field)] = Value(field.Schema, value[field.Name]);
        }

        return json;
    }

    private static JsonNode? Value(AvroSchema schema, JsonNode? value)
    {
        if (value is null)
        {
            return null;
        }

        var branch = schema;
        if (schema is AvroUnionSchema union)
        {
            var (key, inner) = value.AsObject().Single();
            branch = union.Branches.Single(b => BranchKey(b) == key);
            value = inner!;
        }

        var kind = TypedBranches.Classify(branch) ?? throw new InvalidOperationException($"Not a type-table branch: {branch}");
        return kind switch
        {
            TypedBranchKind.Boolean => JsonValue.Create(value.GetValue<bool>()),
            TypedBranchKind.Int => Wrapped("$numberInt", value.GetValue<int>().ToString(CultureInfo.InvariantCulture)),
            TypedBranchKind.Long => Wrapped("$numberLong", LongText(value)),
            TypedBranchKind.Double => Wrapped("$numberDouble", DoubleText(value)),
            TypedBranchKind.String => JsonValue.Create(value.GetValue<string>()),
            TypedBranchKind.DateMillis => new JsonObject { ["$date"] = Wrapped("$numberLong", LongText(value)) },
            TypedBranchKind.ObjectId => Wrapped("$oid", value.GetValue<string>()),
            TypedBranchKind.Decimal128 => Wrapped("$numberDecimal", value.GetValue<string>()),
            TypedBranchKind.Bytes => Binary(value.GetValue<string>(), "00"),
            TypedBranchKind.Uuid => Binary(Convert.ToBase64String(Guid.Parse(value.GetValue<string>()).ToByteArray(bigEndian: true)), "04"),
            TypedBranchKind.ExtendedJson => JsonNode.Parse(value.GetValue<string>()),
            TypedBranchKind.Timestamp => new JsonObject
            {
                ["$timestamp"] = new JsonObject { ["t"] = LongOf(value["t"]), ["i"] = LongOf(value["i"]) },
            },
            TypedBranchKind.RegularExpression => new JsonObject
            {
                ["$regularExpression"] = new JsonObject { ["pattern"] = value["pattern"]!.GetValue<string>(), ["options"] = value["options"]!.GetValue<string>() },
            },
            TypedBranchKind.Document => Record((AvroRecordSchema)branch, value.AsObject(), firstField: 0),
            TypedBranchKind.Array => new JsonArray([.. value.AsArray().Select(item => Value(((AvroArraySchema)branch).Items, item))]),
            _ => throw new InvalidOperationException($"No Extended JSON for a {kind} branch."),
        };
    }

    /// <summary>avro-peer.mjs's branch key: a named type's full name, else the Avro type name.</summary>
    private static string BranchKey(AvroSchema branch) => branch is AvroNamedSchema named ? named.FullName : AvroNamedSchema.KindName(branch.Type);

    private static JsonObject Wrapped(string key, string text) => new() { [key] = text };

    private static JsonObject Binary(string base64, string subtype) =>
        new() { ["$binary"] = new JsonObject { ["base64"] = base64, ["subType"] = subtype } };

    private static string DoubleText(JsonNode value) => value.GetValueKind() == System.Text.Json.JsonValueKind.String
        ? value.GetValue<string>()
        : value.GetValue<double>().ToString("R", CultureInfo.InvariantCulture);

    private static JsonValue LongOf(JsonNode? value) => JsonValue.Create(long.Parse(LongText(value!), CultureInfo.InvariantCulture));

    /// <summary>A plain long comes as a decimal string; avsc reads a long with a logical type as its own number type.</summary>
    private static string LongText(JsonNode value) => value.GetValueKind() == System.Text.Json.JsonValueKind.String
        ? value.GetValue<string>()
        : value.GetValue<long>().ToString(CultureInfo.InvariantCulture);
}
