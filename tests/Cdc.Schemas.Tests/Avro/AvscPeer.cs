using System.Text.Json;
using System.Text.Json.Nodes;
using Cdc.Schemas.Avro;
using Cdc.Tests.Shared;

namespace Cdc.Schemas.Tests.Avro;

/// <summary>
/// Sends every case of <see cref="AvroPeerCases"/> to avsc through ONE node process (tests/js/avro-peer.mjs) and keeps
/// the answers by request id: avsc's canonical form of each schema, avsc's decoding of the bytes we encoded for each
/// value, and avsc's encoding of each value.
/// </summary>
internal static class AvscPeer
{
    private static readonly Lazy<IReadOnlyDictionary<string, JsonObject>> Answers = new(AskAll);

    public static JsonObject Answer(string id)
    {
        var answer = Answers.Value[id];
        if (answer["error"] is { } error)
        {
            throw new InvalidOperationException($"avsc refused {id}: {error}");
        }

        return answer;
    }

    public static string CanonicalId(string name) => "canonical/" + name;

    public static string DecodeId(string name) => "decode/" + name;

    public static string EncodeId(string name) => "encode/" + name;

    private static Dictionary<string, JsonObject> AskAll()
    {
        var requests = new List<JsonObject>();
        foreach (var (name, schema) in AvroPeerCases.Schemas)
        {
            requests.Add(new JsonObject { ["id"] = CanonicalId(name), ["op"] = "canonical", ["schema"] = schema });
        }

        var valueSchema = AvroSchema.Parse(AvroPeerCases.ValueSchema);
        foreach (var (name, valueJson) in AvroPeerCases.Values)
        {
            using var value = JsonDocument.Parse(valueJson);
            requests.Add(new JsonObject
            {
                ["id"] = DecodeId(name),
                ["op"] = "decode",
                ["schema"] = AvroPeerCases.ValueSchema,
                ["data"] = Convert.ToBase64String(SchemaShapedValue.Encode(valueSchema, value.RootElement)),
            });
            requests.Add(new JsonObject
            {
                ["id"] = EncodeId(name),
                ["op"] = "encode",
                ["schema"] = AvroPeerCases.ValueSchema,
                ["value"] = JsonNode.Parse(valueJson),
            });
        }

        var stdin = string.Join('\n', requests.Select(r => r.ToJsonString())) + "\n";
        var stdout = NodeScript.Run("avro-peer.mjs", stdin, TimeSpan.FromSeconds(60));
        var answers = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var answer = JsonNode.Parse(line)!.AsObject();
            answers.Add(answer["id"]!.GetValue<string>(), answer);
        }

        if (answers.Count != requests.Count)
        {
            throw new InvalidOperationException($"avro-peer.mjs answered {answers.Count} of {requests.Count} requests.");
        }

        return answers;
    }
}
