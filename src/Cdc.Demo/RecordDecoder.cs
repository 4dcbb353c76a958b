using Cdc.Connector.Registry;
using Cdc.Schemas.Avro;
using Cdc.Schemas.Registry;

namespace Cdc.Connector.Demo;

/// <summary>
/// What a downstream consumer does with a cdc record: read the Schema Registry framing (magic byte, schema id), fetch
/// the writer's schema by id from the registry (once per id), and decode the Avro binary with it into JSON.
/// </summary>
internal sealed class RecordDecoder(RegistryClient registry, TimeSpan fetchTimeout)
{
    private readonly Dictionary<int, AvroSchema> _schemas = [];

    /// <summary>Schemas fetched from the registry so far.</summary>
    public int SchemasFetched => _schemas.Count;

    /// <summary>The framed payload as JSON; throws <see cref="FormatException"/>, <see cref="AvroException"/>,
    /// <see cref="RegistryRequestException"/> naming what is wrong with it.</summary>
    public string Decode(ReadOnlySpan<byte> framed)
    {
        var schemaId = SchemaRegistryFraming.ReadSchemaId(framed, out var payload);
        return AvroJsonDecoder.Decode(Schema(schemaId), payload);
    }

    private AvroSchema Schema(int id)
    {
        if (!_schemas.TryGetValue(id, out var schema))
        {
            using var timeout = new CancellationTokenSource(fetchTimeout);
            var json = registry.GetSchemaByIdAsync(id, timeout.Token).GetAwaiter().GetResult();
            schema = AvroSchemaParser.Parse(json);
            _schemas[id] = schema;
        }

        return schema;
    }
}
