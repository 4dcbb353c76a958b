using Cdc.Cli.Tail;
using Cdc.Connector.Registry;
using Cdc.Connector.Tests.Registry;

namespace Cdc.Connector.Tests.Tail;

/// <summary>How `cdc tail` reads a framed key or value: by its schema id, through the registry, into JSON; and what it says when it cannot.</summary>
public sealed class RecordJsonDecoderTests : IAsyncLifetime
{
    private const string Schema = """{"type":"record","name":"Value","namespace":"it","fields":[{"name":"s","type":"string"},{"name":"n","type":"long"}]}""";

    private FakeSchemaRegistry _registry = null!;

    public async Task InitializeAsync() => _registry = await FakeSchemaRegistry.StartAsync();

    public async Task DisposeAsync() => await _registry.DisposeAsync();

    [Fact]
    public async Task A_framed_record_is_decoded_by_its_schema_id_and_each_schema_is_fetched_once()
    {
        using var client = Client();
        var id = await client.RegisterAsync("t-value", Schema, CancellationToken.None);
        var decoder = new RecordJsonDecoder(client);
        var requestsBefore = _registry.RequestCount;

        var first = decoder.Decode(Framed(id, 0x04, (byte)'h', (byte)'i', 0x0a));
        var second = decoder.Decode(Framed(id, 0x00, 0x01));

        Assert.Equal("""{"s":"hi","n":5}""", first);
        Assert.Equal("""{"s":"","n":-1}""", second);
        Assert.True(_registry.RequestCount - requestsBefore <= 1, string.Join("\n", _registry.Requests));
    }

    [Fact]
    public void Bytes_without_the_registry_framing_are_named_as_such_without_asking_the_registry()
    {
        using var client = Client();
        var decoder = new RecordJsonDecoder(client);

        var error = Assert.Throws<RecordDecodeException>(() => decoder.Decode("plain text"u8.ToArray()));

        Assert.Equal("it is not Schema Registry framed Avro: Unknown magic byte 0x70 at offset 0; the Schema Registry wire format starts with 0x00", error.Message);
        Assert.Equal(0, _registry.RequestCount);
    }

    [Fact]
    public void A_schema_id_the_registry_does_not_have_is_named_with_the_registrys_answer_and_the_fix()
    {
        using var client = Client();
        var decoder = new RecordJsonDecoder(client);

        var error = Assert.Throws<RecordDecodeException>(() => decoder.Decode(Framed(4242, 0x00)));

        Assert.StartsWith("its schema id 4242 is not in the Schema Registry (Schema Registry get schema by id 4242 failed at ", error.Message, StringComparison.Ordinal);
        Assert.Contains("error_code 40403", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("); fix: read it with the registry its producer used (schemaRegistry.url)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bytes_that_are_not_avro_of_their_schema_are_named_with_the_schema_and_where_reading_failed()
    {
        using var client = Client();
        var id = await client.RegisterAsync("t-value", Schema, CancellationToken.None);
        var decoder = new RecordJsonDecoder(client);

        var truncated = Assert.Throws<RecordDecodeException>(() => decoder.Decode(Framed(id, 0x08, (byte)'h')));
        var trailing = Assert.Throws<RecordDecodeException>(() => decoder.Decode(Framed(id, 0x00, 0x02, 0x07)));

        Assert.Equal($"it is not Avro of its schema id {id} (it.Value): Truncated data: the string at offset 0 has length 4 but only 1 bytes remain", truncated.Message);
        Assert.Equal($"it is not Avro of its schema id {id} (it.Value): 1 trailing bytes after the value, at offset 2 of 3", trailing.Message);
    }

    private RegistryClient Client() => RegistryClient.Create(new RegistryClientOptions { Urls = [_registry.Url], RequestTimeout = TimeSpan.FromSeconds(10) });

    private static byte[] Framed(int schemaId, params byte[] avro)
    {
        var framed = new byte[5 + avro.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(framed.AsSpan(1), schemaId);
        avro.CopyTo(framed, 5);
        return framed;
    }
}
