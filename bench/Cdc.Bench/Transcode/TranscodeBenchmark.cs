using System.Buffers.Binary;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Cdc.Schemas.Avro;
using Cdc.Schemas.Mapping;
using Cdc.Schemas.Registry;

namespace Cdc.Bench.Transcode;

/// <summary>
/// Raw change event BSON → Schema Registry framed Avro key + value, single thread, as `cdc run` does per event
/// (minus Kafka). Schema ids are fixed and looked up by schema object, as a registration cache would after warm-up.
/// The same events go through the Node.js peer (bson + EJSON.stringify + avsc) in the same run for the ratio.
/// </summary>
internal static class TranscodeBenchmark
{
    /// <summary>The events generated when `--events` is not given.</summary>
    public const int DefaultEvents = 100_000;

    private const int WarmUpPasses = 2;
    private const int MeasuredPasses = 5;
    private const int PeerMeasuredPasses = 2;

    public static TranscodeResult Run(int eventCount, TextWriter log)
    {
        log.WriteLine($"transcode: generating {eventCount} events…");
        var events = ChangeEventGenerator.Generate(eventCount);
        var mapper = new ChangeEventMapper(new MappingOptions());
        var schemaIds = new Dictionary<AvroSchema, int>(ReferenceEqualityComparer.Instance);
        var routes = new Dictionary<string, NamespaceRoute>(StringComparer.Ordinal);
        var key = new ByteBuffer(256);
        var value = new ByteBuffer(64 * 1024);

        // Warm-up: JIT (several passes, so tiered compilation settles), route and schema caches, buffer growth;
        // the first pass assigns the fixed schema ids.
        long checksum = Pass(events, mapper, schemaIds, key, value, routes);
        for (var pass = 1; pass < WarmUpPasses; pass++)
        {
            checksum += Pass(events, mapper, schemaIds, key, value, routes: null);
        }

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        for (var pass = 0; pass < MeasuredPasses; pass++)
        {
            checksum += Pass(events, mapper, schemaIds, key, value, routes: null);
        }

        stopwatch.Stop();
        // CPU time as well as wall time: on a shared machine the wall clock also counts time other processes had the core.
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var mapped = (double)eventCount * MeasuredPasses;
        var seconds = stopwatch.Elapsed.TotalSeconds;
        log.WriteLine($"transcode: {mapped / seconds:0} events/s, {events.Bytes.Length * (double)MeasuredPasses / seconds / 1e6:0.0} MB/s (output checksum {checksum})");

        var rendering = BodyRenderingProbe.Measure(events, MeasuredPasses);
        log.WriteLine($"transcode: ExtendedJsonWriter alone on the same documents: {rendering.TotalSeconds / cpuSeconds:P0} of the transcode CPU time");
        var typed = TypedTranscode.Run(events, log);
        var baseline = RunPeer(events, routes, schemaIds, log, mapper.Options.TopicPrefix);
        return new TranscodeResult(
            eventCount,
            mapped / seconds,
            events.Bytes.Length * (double)MeasuredPasses / seconds / 1e6,
            allocated / mapped,
            events.Bytes.Length / (double)eventCount,
            "node-bson+avsc",
            baseline.EventsPerSec,
            rendering.TotalSeconds / cpuSeconds,
            mapped / cpuSeconds,
            events.Bytes.Length * (double)MeasuredPasses / cpuSeconds / 1e6,
            baseline.EventsPerCpuSec,
            typed);
    }

    private static long Pass(GeneratedEvents events, ChangeEventMapper mapper, Dictionary<AvroSchema, int> schemaIds, ByteBuffer key, ByteBuffer value, Dictionary<string, NamespaceRoute>? routes)
    {
        long written = 0;
        for (var i = 0; i < events.Count; i++)
        {
            key.Reset();
            value.Reset();
            // The id is known only once the event's namespace is: reserve the header, fill it in after mapping.
            SchemaRegistryFraming.WriteHeader(key, 0);
            SchemaRegistryFraming.WriteHeader(value, 0);
            var mapped = mapper.Map(events[i], key, value);
            if (routes is not null)
            {
                routes.TryAdd(mapped.Topic, mapped.Route);
                schemaIds.TryAdd(mapped.KeySchema, schemaIds.Count + 1);
                schemaIds.TryAdd(mapped.ValueSchema, schemaIds.Count + 1);
            }

            BinaryPrimitives.WriteInt32BigEndian(key.WrittenSpan[1..], schemaIds[mapped.KeySchema]);
            BinaryPrimitives.WriteInt32BigEndian(value.WrittenSpan[1..], schemaIds[mapped.ValueSchema]);
            written += key.WrittenCount + value.WrittenCount;
        }

        return written;
    }

    private static PeerResult RunPeer(
        GeneratedEvents events, Dictionary<string, NamespaceRoute> routes, Dictionary<AvroSchema, int> schemaIds, TextWriter log, string topicPrefix)
    {
        var eventsPath = Path.GetTempFileName();
        var schemasPath = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(eventsPath, events.Bytes);
            var topics = new JsonObject();
            foreach (var (topic, route) in routes)
            {
                // The peer gets the very schemas the mapper produced, with the same fixed ids.
                topics[topic] = new JsonObject
                {
                    ["keySchema"] = JsonNode.Parse(route.Schemas.Key.ToJson()),
                    ["valueSchema"] = JsonNode.Parse(route.Schemas.Value.ToJson()),
                    ["keyId"] = schemaIds[route.Schemas.Key],
                    ["valueId"] = schemaIds[route.Schemas.Value],
                };
            }

            File.WriteAllText(schemasPath, new JsonObject { ["topicPrefix"] = topicPrefix, ["topics"] = topics }.ToJsonString());
            log.WriteLine("transcode: running the node peer…");
            var baseline = NodePeer.Run(eventsPath, schemasPath, PeerMeasuredPasses, TimeSpan.FromMinutes(10));
            log.WriteLine($"transcode: node peer {baseline.EventsPerSec:0} events/s, {baseline.EventsPerCpuSec:0} events per CPU second");
            return baseline;
        }
        finally
        {
            File.Delete(eventsPath);
            File.Delete(schemasPath);
        }
    }
}
