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

public sealed class EventForwarderAllocationTests
{
    [Fact]
    public async Task Forwarding_an_event_allocates_nothing_once_its_record_lengths_were_seen()
    {
        await using var registry = await InMemorySchemaRegistry.StartAsync();
        using var client = RegistryClient.Create(new RegistryClientOptions { Urls = [registry.Url] });
        var schemaIds = new SchemaIdCache(client, SubjectNameStrategy.Topic, SchemaIdRetrySettings.Default, NullLogger.Instance);
        var watermark = new AckWatermark(16, 1 << 20);
        var publisher = new AcknowledgingPublisher(watermark);
        var forwarder = new EventForwarder(
            new EventEncoding(new ChangeEventMapper(new MappingOptions()), schemaIds, new PipelineBuffers()),
            watermark,
            publisher,
            new PipelineObservers(new PipelineCounters(), new ConnectorStatus(), NullLogger.Instance));
        var changeEvent = ChangeEvents.Insert(1);

        Assert.True(forwarder.Forward(changeEvent, null, CancellationToken.None)); // registers the schemas, warms every cache
        const int Events = 1_000;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Events; i++)
        {
            forwarder.Forward(changeEvent, null, CancellationToken.None);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(Events + 1, watermark.CommittableSequence);
        Assert.True(publisher.LastKeyLength > SchemaRegistryFraming.HeaderLength, "the key record was produced");
        Assert.True(publisher.LastValueLength > SchemaRegistryFraming.HeaderLength, "the value record was produced");
    }

    [Fact]
    public async Task Reused_record_arrays_carry_each_event_whole()
    {
        await using var registry = await InMemorySchemaRegistry.StartAsync();
        using var client = RegistryClient.Create(new RegistryClientOptions { Urls = [registry.Url] });
        var schemaIds = new SchemaIdCache(client, SubjectNameStrategy.Topic, SchemaIdRetrySettings.Default, NullLogger.Instance);
        var watermark = new AckWatermark(16, 1 << 20);
        using var publisher = new FakeRecordPublisher(watermark, autoAck: true, hasDeadLetterTopic: false);
        var forwarder = Forwarder(schemaIds, watermark, publisher);

        // 1 and 2 give records of one length, 100 and 200 of another: the second of each is framed in the array the
        // first was lent. Each must equal what a forwarder with buffers of its own produces for that event alone.
        int[] ids = [1, 100, 2, 200];
        foreach (var id in ids)
        {
            Assert.True(forwarder.Forward(ChangeEvents.Insert(id), null, CancellationToken.None));
        }

        var records = publisher.Records;
        Assert.Equal(ids.Length, records.Count);
        Assert.Equal(records[0].Value!.Length, records[2].Value!.Length);
        Assert.NotEqual(records[0].Value!.Length, records[1].Value!.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            var alone = new AckWatermark(16, 1 << 20);
            using var alonePublisher = new FakeRecordPublisher(alone, autoAck: true, hasDeadLetterTopic: false);
            Assert.True(Forwarder(schemaIds, alone, alonePublisher).Forward(ChangeEvents.Insert(ids[i]), null, CancellationToken.None));
            Assert.Equal(alonePublisher.Records[0].Key, records[i].Key);
            Assert.Equal(alonePublisher.Records[0].Value, records[i].Value);
        }
    }

    private static EventForwarder Forwarder(SchemaIdCache schemaIds, AckWatermark watermark, IRecordPublisher publisher) => new(
        new EventEncoding(new ChangeEventMapper(new MappingOptions()), schemaIds, new PipelineBuffers()),
        watermark,
        publisher,
        new PipelineObservers(new PipelineCounters(), new ConnectorStatus(), NullLogger.Instance));

}
