using Avro.Generic;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;

namespace Cdc.Demo;

/// <summary>
/// What a downstream consumer does with a cdc record, with the libraries such a consumer uses: Confluent's
/// <see cref="AvroDeserializer{T}"/> of <see cref="GenericRecord"/> over a <see cref="CachedSchemaRegistryClient"/>
/// (Apache.Avro underneath). It reads the Schema Registry framing, fetches the writer's schema by id (once per id) and
/// decodes the Avro binary with it; nothing of the connector's own Avro or registry code is on this path, so the demo
/// shows that what cdc writes is readable by the standard tools.
/// </summary>
internal sealed class RecordDecoder : IDisposable
{
    /// <summary>The magic byte and the 4-byte schema id in front of every registry-framed payload.</summary>
    private const int FramingLength = 5;

    private readonly CachedSchemaRegistryClient _registry;
    private readonly AvroDeserializer<GenericRecord> _deserializer;

    public RecordDecoder(string registryUrl, TimeSpan requestTimeout)
    {
        _registry = new CachedSchemaRegistryClient(new SchemaRegistryConfig
        {
            Url = registryUrl,
            RequestTimeoutMs = (int)requestTimeout.TotalMilliseconds,
        });
        _deserializer = new AvroDeserializer<GenericRecord>(_registry);
    }

    /// <summary>
    /// The key or value of a record of <paramref name="topic"/>; throws <see cref="InvalidDataException"/> (not
    /// registry-framed), <see cref="SchemaRegistryException"/> or <see cref="HttpRequestException"/> (schema not
    /// fetched), <see cref="Avro.AvroException"/> (not Avro of that schema), naming what is wrong with it.
    /// </summary>
    public GenericRecord Decode(byte[] framed, string topic, MessageComponentType component)
    {
        // Confluent's deserializer (2.16) fails on fewer bytes with an ArgumentOutOfRangeException that does not say why.
        if (framed.Length < FramingLength)
        {
            throw new InvalidDataException(
                $"the {component.ToString().ToLowerInvariant()} has {framed.Length} bytes: a Schema Registry framed record has at least {FramingLength} bytes (magic byte 0 and a 4-byte schema id)");
        }

        return _deserializer.DeserializeAsync(framed, isNull: false, new SerializationContext(component, topic)).GetAwaiter().GetResult();
    }

    public void Dispose() => _registry.Dispose();
}
