using System.Text.Json;
using System.Text.Json.Nodes;
using Avro.Generic;
using Cdc.Tests.AvroOracle;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;

namespace Cdc.Integration.Tests;

/// <summary>
/// The integration tests' second, independent decoder: Confluent's <see cref="AvroDeserializer{T}"/> of
/// <see cref="GenericRecord"/> (Apache.Avro underneath), through the same registry, for every record the avsc reader
/// (tests/js/it/read-kafka.mjs) decoded. The two decodings must agree field by field; a record where they do not is
/// reported as not decoding (<see cref="DecodedRecord.DecodeError"/>), which every scenario's checks count as a problem.
/// </summary>
internal sealed class ConfluentRecordDecoder : IDisposable
{
    private readonly CachedSchemaRegistryClient _registry;
    private readonly AvroDeserializer<GenericRecord> _deserializer;

    public ConfluentRecordDecoder(string registryUrl)
    {
        _registry = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = registryUrl });
        _deserializer = new AvroDeserializer<GenericRecord>(_registry);
    }

    /// <summary>Records whose key and value were decoded by both and compared.</summary>
    public int Compared { get; private set; }

    /// <summary>
    /// Null when Confluent's deserializer reads the key and the value of <paramref name="line"/> (a reader line with
    /// "key"/"value" as avsc decoded them and "keyBytes"/"valueBytes" as published) as avsc did; else what differs.
    /// </summary>
    public string? Disagreement(JsonElement line)
    {
        var topic = line.GetProperty("topic").GetString()!;
        var problems = new List<string>();
        Compare("key", MessageComponentType.Key);
        Compare("value", MessageComponentType.Value);
        Compared++;
        return problems.Count == 0 ? null : "Confluent's AvroDeserializer and avsc decode it differently: " + string.Join("; ", problems);

        void Compare(string part, MessageComponentType component)
        {
            var avsc = JsonNode.Parse(line.GetProperty(part).GetRawText());
            JsonNode? confluent = null;
            if (line.GetProperty(part + "Bytes") is { ValueKind: JsonValueKind.String } bytes)
            {
                try
                {
                    var record = _deserializer.DeserializeAsync(Convert.FromBase64String(bytes.GetString()!), isNull: false, new SerializationContext(component, topic))
                        .GetAwaiter().GetResult();
                    confluent = AvroJson.ToJson(record);
                }
                catch (Exception e) when (e is InvalidDataException or Avro.AvroException or HttpRequestException or InvalidOperationException)
                {
                    problems.Add($"{part}: Confluent's AvroDeserializer cannot read it: {e.GetType().Name}: {e.Message}");
                    return;
                }
            }

            problems.AddRange(AvroJson.Differences(avsc, confluent, part));
        }
    }

    public void Dispose() => _registry.Dispose();
}
