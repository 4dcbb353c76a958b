using System.Text.Json;
using System.Text.Json.Nodes;
using Cdc.Schemas.ExtendedJson;
using Cdc.Schemas.Mapping;
using Cdc.Tests.AvroOracle;
using Cdc.Tests.Shared;

namespace Cdc.Schemas.Tests.Mapping;

/// <summary>
/// Every fixture is mapped, then decoded by avsc (an independent Avro implementation) in node; its Extended JSON
/// strings and the fixture itself are parsed there by the official bson package, and every envelope field is compared
/// with the fixture. All fixtures and both JSON modes go through one node process. Apache.Avro (the decoder under
/// Confluent's AvroDeserializer) decodes the same bytes too, and the two decodings must agree field by field.
/// </summary>
public sealed class AvscDecodedEnvelopeTests
{
    private static readonly Lazy<IReadOnlyDictionary<string, Decoded>> Results = new(DecodeAll);

    public static TheoryData<string, bool> Cases()
    {
        var data = new TheoryData<string, bool>();
        foreach (var name in MappingFixtures.Names)
        {
            data.Add(name, true);
            data.Add(name, false);
        }

        return data;
    }

    [Fact]
    public void The_fixtures_cover_every_event_type_of_the_manual()
    {
        string[] expected =
        [
            "create", "createIndexes", "delete-preimage", "drop", "dropDatabase", "dropIndexes", "future-operation", "insert",
            "invalidate", "modify", "rename", "replace", "shardCollection", "sharded-update", "transaction-insert", "update",
        ];
        Assert.Equal(expected, MappingFixtures.Names);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Avsc_decodes_the_envelope_to_the_fixture_field_by_field(string fixture, bool relaxed)
    {
        var decoded = Results.Value[Id(fixture, relaxed)];
        var value = decoded.Value ?? throw new InvalidOperationException("no value decoded");
        var source = decoded.FixtureCanonical;
        var fields = decoded.Fixture;

        Assert.Equal(Str(source["_id"]!["_data"]), Str(value["resumeToken"]));
        Assert.Equal(Str(source["operationType"]), Str(value["operationType"]));
        Assert.Equal(Num(source["clusterTime"]!["$timestamp"]!["t"]), Num(value["clusterTime"]!["t"]));
        Assert.Equal(Num(source["clusterTime"]!["$timestamp"]!["i"]), Num(value["clusterTime"]!["i"]));
        Assert.Equal(
            source["wallTime"] is { } wall ? long.Parse(Str(wall["$date"]!["$numberLong"]), CultureInfo) : null,
            value["wallTime"] is { } decodedWall ? Num(decodedWall) : (long?)null);

        Assert.Equal(source["ns"]?["db"] is { } db ? Str(db) : string.Empty, Str(value["ns"]!["db"]));
        Assert.Equal(source["ns"]?["coll"] is { } coll ? Str(coll) : null, value["ns"]!["coll"] is { } c ? Str(c) : null);

        foreach (var path in (string[])["documentKey", "fullDocument", "fullDocumentBeforeChange", "lsid", "operationDescription"])
        {
            Assert.True(Opt(fields[path]) == Opt(value[path]), $"{fixture} {path}: fixture {fields[path]} vs decoded {value[path]}");
        }

        if (source["updateDescription"] is JsonObject update)
        {
            var decodedUpdate = value["updateDescription"]!;
            Assert.Equal(Str(fields["updateDescription.updatedFields"]), Str(decodedUpdate["updatedFields"]));
            Assert.Equal(Opt(fields["updateDescription.disambiguatedPaths"]), Opt(decodedUpdate["disambiguatedPaths"]));
            Assert.Equal(
                (update["removedFields"] as JsonArray ?? []).Select(Str),
                decodedUpdate["removedFields"]!.AsArray().Select(Str));
            Assert.Equal(
                (update["truncatedArrays"] as JsonArray ?? []).Select(t => (Str(t!["field"]), long.Parse(Str(t["newSize"]!["$numberInt"]), CultureInfo))),
                decodedUpdate["truncatedArrays"]!.AsArray().Select(t => (Str(t!["field"]), Num(t["newSize"]))));
        }
        else
        {
            Assert.Null(value["updateDescription"]);
        }

        Assert.Equal(
            source["txnNumber"] is { } txn ? long.Parse(Str(txn["$numberLong"]), CultureInfo) : null,
            value["txnNumber"] is { } decodedTxn ? Num(decodedTxn) : (long?)null);

        if (source["to"] is JsonObject to)
        {
            Assert.Equal(Str(to["db"]), Str(value["to"]!["db"]));
            Assert.Equal(Str(to["coll"]), Str(value["to"]!["coll"]));
        }
        else
        {
            Assert.Null(value["to"]);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Avsc_decodes_the_key_to_the_canonical_document_key_or_the_namespace(string fixture, bool relaxed)
    {
        var decoded = Results.Value[Id(fixture, relaxed)];
        var key = decoded.Key ?? throw new InvalidOperationException("no key decoded");
        if (decoded.Fixture["documentKey"] is { } documentKey)
        {
            Assert.Equal(Str(documentKey), Str(key["documentKey"]));
        }
        else
        {
            // Keyless event, default policy: {"ns": {db, coll}} as canonical Extended JSON, never an _id.
            var ns = JsonNode.Parse(Str(key["documentKey"]))!["ns"]!.AsObject();
            var source = decoded.FixtureCanonical["ns"];
            Assert.Equal(source?["db"] is { } db ? Str(db) : null, ns["db"] is { } d ? Str(d) : null);
            Assert.Equal(source?["coll"] is { } coll ? Str(coll) : null, ns["coll"] is { } c ? Str(c) : null);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Apache_avro_decodes_the_key_and_the_value_as_avsc_does_field_by_field(string fixture, bool relaxed)
    {
        var decoded = Results.Value[Id(fixture, relaxed)];
        var avscKey = decoded.RawKey ?? throw new InvalidOperationException("avsc decoded no key");
        var avscValue = decoded.RawValue ?? throw new InvalidOperationException("avsc decoded no value");

        var differences = AvroJson.Differences(avscKey, AvroJson.Decode(decoded.Output.Event.KeySchema.ToJson(), decoded.Output.Key), "key")
            .Concat(AvroJson.Differences(avscValue, AvroJson.Decode(decoded.Output.Event.ValueSchema.ToJson(), decoded.Output.Value), "value"))
            .ToList();

        Assert.True(differences.Count == 0, $"{fixture}: the decoders disagree:\n{string.Join("\n", differences)}");
        Assert.Equal(Str(avscValue["operationType"]), Str(decoded.Value!["operationType"]));
    }

    [Fact]
    public void Relaxed_dates_are_the_text_the_bson_library_writes_byte_for_byte()
    {
        var compared = new List<string>();
        foreach (var name in MappingFixtures.Names)
        {
            var decoded = Results.Value[Id(name, relaxed: true)];
            foreach (var path in (string[])["fullDocument", "fullDocumentBeforeChange", "operationDescription", "updateDescription.updatedFields"])
            {
                // RawValue holds cdc's own text; Value holds it after bson's EJSON.parse and EJSON.stringify (relaxed).
                var writtenDates = DateTexts(At(decoded.RawValue, path));
                Assert.Equal(DateTexts(At(decoded.Value, path)), writtenDates);
                compared.AddRange(writtenDates);
            }
        }

        // The fixtures' document dates are whole seconds, the form cdc used to write with ".000"; fractions are covered
        // by IsoDateFormattingTests.
        Assert.True(compared.Count >= 4, $"only {compared.Count} relaxed dates compared");
        Assert.Contains(compared, text => !text.Contains('.', StringComparison.Ordinal));
    }

    [Fact]
    public void The_field_by_field_comparison_names_each_field_where_the_decoders_differ()
    {
        var decoded = Results.Value[Id("update", relaxed: true)];
        var avsc = decoded.RawValue!.DeepClone().AsObject();
        avsc["clusterTime"]!["i"] = Num(avsc["clusterTime"]!["i"]) + 1;
        avsc["updateDescription"]!["removedFields"]!.AsArray().Add("ghost");
        avsc["ns"] = null;

        var differences = AvroJson.Differences(avsc, AvroJson.Decode(decoded.Output.Event.ValueSchema.ToJson(), decoded.Output.Value), "value");

        Assert.Equal(3, differences.Count);
        Assert.StartsWith("value.clusterTime.i: avsc read ", differences[0], StringComparison.Ordinal);
        Assert.StartsWith("value.ns: avsc read null, Apache.Avro {", differences[1], StringComparison.Ordinal);
        Assert.StartsWith("value.updateDescription.removedFields: avsc read ", differences[2], StringComparison.Ordinal);
        var truncated = decoded.Output.Value[..^1];
        Assert.ThrowsAny<Exception>(() => AvroJson.Decode(decoded.Output.Event.ValueSchema.ToJson(), truncated));
        Assert.Throws<InvalidDataException>(() => AvroJson.Decode(decoded.Output.Event.ValueSchema.ToJson(), [.. decoded.Output.Value, 0]));
    }

    private static readonly IFormatProvider CultureInfo = System.Globalization.CultureInfo.InvariantCulture;

    private static string? At(JsonNode? root, string path) =>
        path.Split('.').Aggregate(root, (node, part) => node?[part]) is { } text ? Str(text) : null;

    private static List<string> DateTexts(string? json) =>
        json is null ? [] : [.. System.Text.RegularExpressions.Regex.Matches(json, "\"\\$date\":\"([^\"]*)\"").Select(m => m.Groups[1].Value)];

    private static string Id(string fixture, bool relaxed) => $"{fixture}/{(relaxed ? "relaxed" : "canonical")}";

    private static string Str(JsonNode? node) => node?.GetValue<string>() ?? throw new InvalidOperationException("missing string");

    private static string? Opt(JsonNode? node) => node?.GetValue<string>();

    private static long Num(JsonNode? node) => node?.GetValue<long>() ?? throw new InvalidOperationException("missing number");

    private static Dictionary<string, Decoded> DecodeAll()
    {
        var requests = new List<string>();
        var outputs = new Dictionary<string, MappedOutput>(StringComparer.Ordinal);
        foreach (var relaxed in (bool[])[true, false])
        {
            var mapper = new ChangeEventMapper(new MappingOptions(jsonMode: relaxed ? ExtendedJsonMode.Relaxed : ExtendedJsonMode.Canonical));
            foreach (var name in MappingFixtures.Names)
            {
                var output = MappingFixtures.Map(mapper, MappingFixtures.Bson(name));
                outputs.Add(Id(name, relaxed), output);
                requests.Add(JsonSerializer.Serialize(new JsonObject
                {
                    ["id"] = Id(name, relaxed),
                    ["relaxed"] = relaxed,
                    ["keySchema"] = JsonNode.Parse(output.Event.KeySchema.ToJson()),
                    ["valueSchema"] = JsonNode.Parse(output.Event.ValueSchema.ToJson()),
                    ["key"] = Convert.ToBase64String(output.Key),
                    ["value"] = Convert.ToBase64String(output.Value),
                    ["fixture"] = MappingFixtures.Text(name),
                }));
            }
        }

        var stdout = NodeScript.Run("decode-avro.mjs", string.Join('\n', requests) + "\n", TimeSpan.FromSeconds(60));
        var results = new Dictionary<string, Decoded>(StringComparer.Ordinal);
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var node = JsonNode.Parse(line)!.AsObject();
            var id = Str(node["id"]);
            results.Add(
                id,
                new Decoded(
                    node["key"] as JsonObject, node["value"] as JsonObject, node["rawKey"] as JsonObject, node["rawValue"] as JsonObject,
                    node["fixture"]!.AsObject(), node["fixtureCanonical"]!.AsObject(), outputs[id]));
        }

        Assert.Equal(requests.Count, results.Count);
        return results;
    }

    /// <summary>avsc's decodings (Extended JSON strings re-stringified by bson, and raw) of one mapped output.</summary>
    private sealed record Decoded(JsonObject? Key, JsonObject? Value, JsonObject? RawKey, JsonObject? RawValue, JsonObject Fixture, JsonObject FixtureCanonical, MappedOutput Output);
}
