using Cdc.Cli.Check;
using Cdc.Connector.Registry;
using Cdc.Schemas.Avro;
using Cdc.Schemas.Registry;

namespace Cdc.Cli.Tail;

/// <summary>
/// Decodes a Schema Registry framed Avro key or value into plain JSON: the schema id from the framing, the writer's
/// schema by id through the connector's registry client (its URLs, credentials and TLS; each schema fetched once), and
/// the same Avro-to-JSON decoding `cdc inspect` prints as keyJson/valueJson (<see cref="AvroJsonDecoder"/>).
/// </summary>
internal sealed class RecordJsonDecoder
{
    private readonly RegistryClient _registry;
    private readonly Dictionary<int, AvroSchema> _schemas = [];

    public RecordJsonDecoder(RegistryClient registry) => _registry = registry;

    /// <summary>The JSON of <paramref name="framed"/>; throws <see cref="RecordDecodeException"/> saying why it cannot be read.</summary>
    public string Decode(byte[] framed)
    {
        int id;
        ReadOnlySpan<byte> payload;
        try
        {
            id = SchemaRegistryFraming.ReadSchemaId(framed, out payload);
        }
        catch (FormatException e)
        {
            throw new RecordDecodeException($"it is not Schema Registry framed Avro: {Clause(e)}", e);
        }

        var schema = Schema(id);
        try
        {
            return AvroJsonDecoder.Decode(schema, payload);
        }
        catch (AvroException e)
        {
            throw new RecordDecodeException($"it is not Avro of its schema id {id}{NameOf(schema)}: {Clause(e)}", e);
        }
    }

    private AvroSchema Schema(int id)
    {
        if (_schemas.TryGetValue(id, out var known))
        {
            return known;
        }

        string json;
        try
        {
            json = _registry.GetSchemaByIdAsync(id, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (RegistryRequestException e) when (e.StatusCode == 404)
        {
            throw new RecordDecodeException(
                $"its schema id {id} is not in the Schema Registry ({Clause(e)}); fix: read it with the registry its producer used (schemaRegistry.url)", e);
        }
        catch (RegistryRequestException e)
        {
            throw new RecordDecodeException($"its schema id {id} could not be fetched: {Clause(e)}; fix: {RegistryRules.FixFor(e)}", e);
        }

        AvroSchema schema;
        try
        {
            schema = AvroSchemaParser.Parse(json);
        }
        catch (AvroException e)
        {
            throw new RecordDecodeException($"its schema id {id} is not an Avro schema this tool reads: {Clause(e)}", e);
        }

        _schemas[id] = schema;
        return schema;
    }

    /// <summary>An exception's message as a clause inside ours, without its closing full stop.</summary>
    private static string Clause(Exception e) => e.Message.TrimEnd('.');

    private static string NameOf(AvroSchema schema) => schema is AvroNamedSchema named ? $" ({named.FullName})" : string.Empty;
}
