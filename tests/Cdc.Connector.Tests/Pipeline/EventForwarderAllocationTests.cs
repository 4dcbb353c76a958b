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
    public async Task Forwarding_an_event_allocates_only_the_record_arrays_handed_to_the_producer()
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

        var perEvent = (GC.GetAllocatedBytesForCurrentThread() - before) / Events;
        const int ArrayOverhead = 24; // object header, method table and length of a byte[] on 64-bit
        var records = publisher.LastKeyLength + publisher.LastValueLength + (2 * ArrayOverhead);
        Assert.InRange(perEvent, records, records + 16);
        Assert.Equal(Events + 1, watermark.CommittableSequence);
    }

    /// <summary>Acknowledges every record at once on the calling thread and keeps nothing.</summary>
    private sealed class AcknowledgingPublisher(IDeliveryListener listener) : IRecordPublisher
    {
        public int LastKeyLength { get; private set; }

        public int LastValueLength { get; private set; }

        public void Produce(string topic, byte[]? key, byte[]? value, long sequence)
        {
            LastKeyLength = key?.Length ?? 0;
            LastValueLength = value?.Length ?? 0;
            listener.Delivered(sequence);
        }

        public void ProduceDeadLetter(DeadLetterRecord record, long sequence) => listener.Delivered(sequence);

        public bool Flush(TimeSpan timeout) => true;

        public void Dispose()
        {
        }
    }
}
