using System.Buffers.Binary;
using Avro.Generic;
using Avro.IO;
using Cdc.Connector.Checkpoint;
using Cdc.Connector.Observability;
using Cdc.Connector.Pipeline;
using Cdc.Connector.Registry;
using Cdc.Connector.Sink;
using Cdc.Sandbox.SchemaRegistry;
using Cdc.Schemas.Mapping;
using Cdc.Schemas.Registry;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cdc.Connector.Tests.Pipeline;

public sealed class TypedForwardingTests : IAsyncLifetime, IDisposable
{
    private InMemorySchemaRegistry _registry = null!;
    private RegistryClient _client = null!;

    public async Task InitializeAsync()
    {
        _registry = await InMemorySchemaRegistry.StartAsync();
        _client = RegistryClient.Create(new RegistryClientOptions { Urls = [_registry.Url] });
    }

    public async Task DisposeAsync() => await _registry.DisposeAsync();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task With_typed_values_each_document_is_an_avro_record_with_its_metadata_and_a_delete_carries_nulls()
    {
        var watermark = new AckWatermark(16, 1 << 20);
        using var publisher = new FakeRecordPublisher(watermark, autoAck: true, hasDeadLetterTopic: false);
        var forwarder = Forwarder(watermark, publisher);

        Assert.True(forwarder.Forward(ChangeEvents.Insert(1), null, CancellationToken.None));
        Assert.True(forwarder.Forward(ChangeEvents.Insert(2), null, CancellationToken.None));
        Assert.True(forwarder.Forward(ChangeEvents.Delete(1), null, CancellationToken.None));

        var records = publisher.Records;
        Assert.Equal(4, records.Count); // two inserts, the delete and its tombstone
        Assert.Null(records[3].Value);
        Assert.Equal(records[2].Key, records[3].Key);

        // The envelope's value schema was never registered: the value subject holds the typed record alone.
        Assert.Single(_registry.Store.Versions("cdc.shop.orders-value"));
        var insert = Decode(records[1].Value!);
        Assert.Equal(2, insert["_id"]);
        Assert.Equal(4, insert["qty"]);
        var metadata = (GenericRecord)insert["__cdc"];
        Assert.Equal("insert", metadata["op"]);
        Assert.Equal("shop", metadata["db"]);
        Assert.Equal("orders", metadata["coll"]);

        var delete = Decode(records[2].Value!);
        Assert.Equal("delete", ((GenericRecord)delete["__cdc"])["op"]);
        Assert.Null(delete["_id"]);
        Assert.Null(delete["qty"]);
    }

    [Fact]
    public async Task A_document_with_a_new_field_widens_the_schema_once()
    {
        var watermark = new AckWatermark(16, 1 << 20);
        using var publisher = new FakeRecordPublisher(watermark, autoAck: true, hasDeadLetterTopic: false);
        var forwarder = Forwarder(watermark, publisher);

        Assert.True(forwarder.Forward(ChangeEvents.Insert(1), null, CancellationToken.None));
        Assert.True(forwarder.Forward(ChangeEvents.InsertWithNote(2, "gift"), null, CancellationToken.None));
        Assert.True(forwarder.Forward(ChangeEvents.InsertWithNote(3, "fragile"), null, CancellationToken.None));

        Assert.Equal(2, _registry.Store.Versions("cdc.shop.orders-value").Count);
        var records = publisher.Records;
        var latest = _registry.Store.GetVersion("cdc.shop.orders-value", "latest").Id;
        Assert.Null(Decode(records[0].Value!, readerId: latest)["note"]); // an old record read with the widened schema
        Assert.Equal("fragile", Decode(records[2].Value!)["note"]);
        Assert.Equal(SchemaIdOf(records[1].Value!), SchemaIdOf(records[2].Value!));
        Assert.NotEqual(SchemaIdOf(records[0].Value!), SchemaIdOf(records[1].Value!));
    }

    [Fact]
    public async Task An_update_that_arrives_without_its_document_is_skipped_rather_than_published_as_nulls()
    {
        var watermark = new AckWatermark(16, 1 << 20);
        using var publisher = new FakeRecordPublisher(watermark, autoAck: true, hasDeadLetterTopic: false);
        var counters = new PipelineCounters();
        var forwarder = Forwarder(watermark, publisher, counters);

        Assert.True(forwarder.Forward(ChangeEvents.Insert(1), null, CancellationToken.None));
        Assert.True(forwarder.Forward(ChangeEvents.UpdateWithoutDocument(2), null, CancellationToken.None));
        Assert.True(forwarder.Forward(ChangeEvents.Delete(1), null, CancellationToken.None));

        Assert.DoesNotContain(publisher.Records, r => r.Value is { } value && Decode(value)["__cdc"] is GenericRecord m && (string)m["op"] == "update");
        Assert.Equal(3, publisher.Records.Count); // the insert, the delete and its tombstone
        Assert.Equal(1, counters.EventsSkipped);
        // The skipped update's position is committed like any other once the records around it are acknowledged
        // (the fake acknowledges on a thread of its own).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (watermark.CommittableSequence < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal(3, watermark.CommittableSequence);
    }

    [Fact]
    public async Task Forwarding_a_typed_event_of_a_known_shape_allocates_nothing()
    {
        var watermark = new AckWatermark(16, 1 << 20);
        var forwarder = Forwarder(watermark, new AcknowledgingPublisher(watermark));
        var changeEvent = ChangeEvents.Insert(1);

        Assert.True(forwarder.Forward(changeEvent, null, CancellationToken.None)); // registers, compiles, warms every cache
        const int Events = 1_000;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Events; i++)
        {
            forwarder.Forward(changeEvent, null, CancellationToken.None);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(Events + 1, watermark.CommittableSequence);
    }

    private EventForwarder Forwarder(AckWatermark watermark, IRecordPublisher publisher, PipelineCounters? counters = null)
    {
        var schemaIds = new SchemaIdCache(_client, SubjectNameStrategy.Topic, SchemaIdRetrySettings.Default, NullLogger.Instance);
        var ledger = new TypedSchemaLedger(_client, SubjectNameStrategy.Topic, SchemaIdRetrySettings.Default, NullLogger.Instance);
        return new EventForwarder(
            new EventEncoding(new ChangeEventMapper(new MappingOptions()), schemaIds, new PipelineBuffers(), new TypedValueEncoder(ledger, TypedSchemaStarts.InferredOnly)),
            watermark,
            publisher,
            new PipelineObservers(counters ?? new PipelineCounters(), new ConnectorStatus(), NullLogger.Instance));
    }

    private static int SchemaIdOf(byte[] framed) => BinaryPrimitives.ReadInt32BigEndian(framed.AsSpan(1));

    private GenericRecord Decode(byte[] framed, int? readerId = null)
    {
        var schema = Avro.Schema.Parse(_registry.Store.GetSchema(SchemaIdOf(framed)));
        var reader = readerId is { } id ? Avro.Schema.Parse(_registry.Store.GetSchema(id)) : schema;
        using var stream = new MemoryStream(framed, SchemaRegistryFraming.HeaderLength, framed.Length - SchemaRegistryFraming.HeaderLength);
        var record = (GenericRecord)new GenericDatumReader<object>(schema, reader).Read(null!, new BinaryDecoder(stream));
        Assert.Equal(stream.Length, stream.Position);
        return record;
    }
}
