using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Avro;
using Avro.Generic;
using Avro.IO;

namespace Cdc.Tests.AvroOracle;

/// <summary>
/// The second, independent Avro decoder of the tests: Apache.Avro (the implementation under Confluent's
/// AvroDeserializer) reads what the connector wrote, and its generic values are turned into JSON in the shape avsc's
/// decoding takes once JSON.stringify'd (records as objects in field order, ["null", X] unions as the bare value or
/// null, longs as numbers, logical types as their underlying values), so that the two decodings can be compared field
/// by field with <see cref="Differences"/>.
/// </summary>
internal static class AvroJson
{
    /// <summary>Decodes an unframed Avro payload with its writer's schema; throws when bytes are left over or missing.</summary>
    public static JsonNode? Decode(string writerSchemaJson, byte[] payload)
    {
        var schema = Schema.Parse(writerSchemaJson);
        using var stream = new MemoryStream(payload, writable: false);
        var reader = new GenericDatumReader<object>(schema, schema);
        var value = reader.Read(reuse: null!, new BinaryDecoder(stream));
        if (stream.Position != stream.Length)
        {
            throw new InvalidDataException($"Apache.Avro read {stream.Position} of {stream.Length} bytes: the payload does not end where the schema does.");
        }

        return ToJson(value);
    }

    /// <summary>A generic value of Apache.Avro as avsc's JSON would show it.</summary>
    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        GenericRecord record => Record(record),
        GenericEnum symbol => JsonValue.Create(symbol.Value),
        GenericFixed fixedValue => Buffer(fixedValue.Value),
        byte[] bytes => Buffer(bytes),
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        int number => JsonValue.Create(number),
        long number => JsonValue.Create(number),
        float number => JsonValue.Create(number),
        double number => JsonValue.Create(number),

        // Logical types Apache.Avro converts: back to what avsc (without logical types) reads.
        DateTime time => JsonValue.Create((time.ToUniversalTime() - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMillisecond),
        Guid uuid => JsonValue.Create(uuid.ToString()),
        IDictionary<string, object> map => Map(map),
        System.Collections.IList list => Array(list),
        _ => throw new NotSupportedException($"No JSON form for the Apache.Avro value {value.GetType().Name}."),
    };

    /// <summary>
    /// Every difference between <paramref name="expected"/> (avsc's decoding) and <paramref name="actual"/> (Apache.Avro's),
    /// one sentence per field path; empty when they agree field by field.
    /// </summary>
    public static IReadOnlyList<string> Differences(JsonNode? expected, JsonNode? actual, string path = "$")
    {
        var differences = new List<string>();
        Compare(expected, actual, path, differences);
        return differences;
    }

    private static JsonObject Record(GenericRecord record)
    {
        var json = new JsonObject();
        foreach (var field in record.Schema.Fields)
        {
            json[field.Name] = ToJson(record.GetValue(field.Pos));
        }

        return json;
    }

    private static JsonObject Map(IDictionary<string, object> map)
    {
        var json = new JsonObject();
        foreach (var (key, item) in map)
        {
            json[key] = ToJson(item);
        }

        return json;
    }

    private static JsonArray Array(System.Collections.IList list)
    {
        var json = new JsonArray();
        foreach (var item in list)
        {
            json.Add(ToJson(item));
        }

        return json;
    }

    /// <summary>What JSON.stringify makes of a node Buffer.</summary>
    private static JsonObject Buffer(byte[] bytes) => new() { ["type"] = "Buffer", ["data"] = new JsonArray([.. bytes.Select(b => (JsonNode)JsonValue.Create((int)b))]) };

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> differences)
    {
        switch (expected)
        {
            case null when actual is null:
                return;
            case null:
                differences.Add($"{path}: avsc read null, Apache.Avro {actual!.ToJsonString()}");
                return;
            case JsonObject expectedObject when actual is JsonObject actualObject:
                var names = expectedObject.Select(p => p.Key).ToList();
                if (!names.SequenceEqual(actualObject.Select(p => p.Key)))
                {
                    differences.Add($"{path}: avsc read the fields [{string.Join(", ", names)}], Apache.Avro [{string.Join(", ", actualObject.Select(p => p.Key))}]");
                    return;
                }

                foreach (var name in names)
                {
                    Compare(expectedObject[name], actualObject[name], $"{path}.{name}", differences);
                }

                return;
            case JsonArray expectedArray when actual is JsonArray actualArray:
                if (expectedArray.Count != actualArray.Count)
                {
                    differences.Add($"{path}: avsc read {expectedArray.Count} items, Apache.Avro {actualArray.Count}");
                    return;
                }

                for (var i = 0; i < expectedArray.Count; i++)
                {
                    Compare(expectedArray[i], actualArray[i], $"{path}[{i}]", differences);
                }

                return;
            case JsonValue expectedValue when actual is JsonValue actualValue && SameValue(expectedValue, actualValue):
                return;
            default:
                differences.Add($"{path}: avsc read {expected.ToJsonString()}, Apache.Avro {actual?.ToJsonString() ?? "null"}");
                return;
        }
    }

    /// <summary>Strings and booleans by value, numbers by their decimal value (avsc's come from JSON text, Apache.Avro's from longs).</summary>
    private static bool SameValue(JsonValue expected, JsonValue actual)
    {
        var kind = expected.GetValueKind();
        if (kind != actual.GetValueKind())
        {
            return false;
        }

        return kind switch
        {
            JsonValueKind.String => expected.GetValue<string>() == actual.GetValue<string>(),
            JsonValueKind.Number => decimal.Parse(expected.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture) == decimal.Parse(actual.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture),
            _ => expected.ToJsonString() == actual.ToJsonString(),
        };
    }
}
