using System.Globalization;
using System.Text.Json.Nodes;
using Avro.Generic;
using Cdc.Schemas.Avro;
using Cdc.Schemas.Typed;

namespace Cdc.Schemas.Tests.Typed;

/// <summary>
/// What a consumer does with a typed value: from Apache.Avro's decoding and the schema it decoded with, rebuild the
/// document as canonical Extended JSON, using only the type table, <c>mongodb.type</c> and <c>mongodb.name</c>
/// (docs/typed-values.md). Independent of the writer: it never looks at the BSON. Every field of the schema is
/// rebuilt, a null one as null, because a null and an absent field read the same.
/// </summary>
internal static class TypedExtendedJsonRebuilder
{
    /// <summary>The document fields of a decoded value record (everything after <c>__cdc</c>).</summary>
    public static string Rebuild(AvroRecordSchema valueSchema, GenericRecord value) =>
        Record(valueSchema, value, firstField: 1).ToJsonString();

    private static JsonObject Record(AvroRecordSchema schema, GenericRecord value, int firstField)
    {
        var json = new JsonObject();
        for (var i = firstField; i < schema.Fields.Count; i++)
        {
            var field = schema.Fields[i];
            json[TypedNames.OriginalName(field)] = Value(field.Schema, value.GetValue(i));
        }

        return json;
    }

    private static JsonNode? Value(AvroSchema schema, object? value)
    {
        if (value is null)
        {
            return null;
        }

        var branch = schema is AvroUnionSchema union ? BranchOf(union, value) : schema;
        var kind = TypedBranches.Classify(branch) ?? throw new InvalidOperationException($"Not a type-table branch: {branch}");
        return kind switch
        {
            TypedBranchKind.Boolean => JsonValue.Create((bool)value),
            TypedBranchKind.Int => Wrapped("$numberInt", ((int)value).ToString(CultureInfo.InvariantCulture)),
            TypedBranchKind.Long => Wrapped("$numberLong", Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)),
            TypedBranchKind.Double => Wrapped("$numberDouble", DoubleText((double)value)),
            TypedBranchKind.String => JsonValue.Create((string)value),
            TypedBranchKind.DateMillis => new JsonObject { ["$date"] = Wrapped("$numberLong", Milliseconds(value).ToString(CultureInfo.InvariantCulture)) },
            TypedBranchKind.ObjectId => Wrapped("$oid", (string)value),
            TypedBranchKind.Decimal128 => Wrapped("$numberDecimal", (string)value),
            TypedBranchKind.Bytes => Binary((byte[])value, "00"),
            TypedBranchKind.Uuid => Binary(UuidBytes(value), "04"),
            TypedBranchKind.ExtendedJson => JsonNode.Parse((string)value),
            TypedBranchKind.Timestamp => Timestamp((GenericRecord)value),
            TypedBranchKind.RegularExpression => RegularExpression((GenericRecord)value),
            TypedBranchKind.Document => Record((AvroRecordSchema)branch, (GenericRecord)value, firstField: 0),
            TypedBranchKind.Array => Array(((AvroArraySchema)branch).Items, (System.Collections.IEnumerable)value),
            _ => throw new InvalidOperationException($"No Extended JSON for a {kind} branch."),
        };
    }

    /// <summary>
    /// Apache.Avro hands back the value without its branch index; a union holds at most one branch per Avro type and
    /// one per record name, so the value's .NET type (and a record's name) picks the branch.
    /// </summary>
    private static AvroSchema BranchOf(AvroUnionSchema union, object value)
    {
        foreach (var branch in union.Branches)
        {
            var matches = value switch
            {
                bool => branch.Type == AvroType.Boolean,
                int => branch.Type == AvroType.Int,
                long or DateTime => branch.Type == AvroType.Long,
                double => branch.Type == AvroType.Double,
                string or Guid => branch.Type == AvroType.String,
                byte[] => branch.Type == AvroType.Bytes,
                GenericRecord record => branch is AvroRecordSchema named && named.FullName == record.Schema.Fullname,
                System.Collections.IEnumerable => branch.Type == AvroType.Array,
                _ => false,
            };
            if (matches)
            {
                return branch;
            }
        }

        throw new InvalidOperationException($"No branch of {union} for the decoded {value.GetType().Name}.");
    }

    private static JsonObject Wrapped(string key, string text) => new() { [key] = text };

    private static string DoubleText(double value) => value switch
    {
        double.NaN => "NaN",
        double.PositiveInfinity => "Infinity",
        double.NegativeInfinity => "-Infinity",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static long Milliseconds(object value) => value switch
    {
        DateTime time => (time.ToUniversalTime() - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMillisecond,
        _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
    };

    private static JsonObject Binary(byte[] data, string subtype) =>
        new() { ["$binary"] = new JsonObject { ["base64"] = Convert.ToBase64String(data), ["subType"] = subtype } };

    /// <summary>Apache.Avro reads a uuid string as a Guid; its RFC 4122 (big-endian) bytes are the BSON subtype 4 payload.</summary>
    private static byte[] UuidBytes(object value) => value switch
    {
        Guid guid => guid.ToByteArray(bigEndian: true),
        _ => Guid.Parse((string)value).ToByteArray(bigEndian: true),
    };

    private static JsonObject Timestamp(GenericRecord value) => new()
    {
        ["$timestamp"] = new JsonObject
        {
            ["t"] = JsonValue.Create((long)value.GetValue(0)),
            ["i"] = JsonValue.Create((long)value.GetValue(1)),
        },
    };

    private static JsonObject RegularExpression(GenericRecord value) => new()
    {
        ["$regularExpression"] = new JsonObject { ["pattern"] = (string)value.GetValue(0), ["options"] = (string)value.GetValue(1) },
    };

    private static JsonArray Array(AvroSchema items, System.Collections.IEnumerable values)
    {
        var json = new JsonArray();
        foreach (var item in values)
        {
            json.Add(Value(items, item));
        }

        return json;
    }
}
