using System.Buffers.Binary;
using System.Diagnostics;
using Cdc.Schemas.Mapping;
using Cdc.Schemas.Registry;
using Cdc.Schemas.Typed;

namespace Cdc.Bench.Transcode;

/// <summary>
/// The transcode benchmark's typed row (issue 19, mapping.value=document): the same events through the mapper's typed
/// path and the typed writer, with each namespace's schema inferred and widened during the warm-up as the ledger would
/// (offline: no registry), so the measured passes write with known shapes only. Updates without their document are
/// skipped, as `cdc run` skips them.
/// </summary>
internal static class TypedTranscode
{
    private const int WarmUpPasses = 2;
    private const int MeasuredPasses = 5;

    public static TypedTranscodeResult Run(GeneratedEvents events, TextWriter log)
    {
        var mapper = new ChangeEventMapper(new MappingOptions(value: ValueFormat.Document));
        var writer = new TypedValueWriter();
        var plans = new Dictionary<NamespaceRoute, (TypedWritePlan Plan, int Id)>(ReferenceEqualityComparer.Instance);
        var key = new ByteBuffer(256);
        var value = new ByteBuffer(64 * 1024);

        long checksum = 0;
        for (var pass = 0; pass < WarmUpPasses; pass++)
        {
            checksum += Pass(events, mapper, writer, plans, key, value, widen: true);
        }

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        for (var pass = 0; pass < MeasuredPasses; pass++)
        {
            checksum += Pass(events, mapper, writer, plans, key, value, widen: false);
        }

        stopwatch.Stop();
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var mapped = (double)events.Count * MeasuredPasses;
        var bytes = events.Bytes.Length * (double)MeasuredPasses;
        log.WriteLine($"transcode (typed): {mapped / stopwatch.Elapsed.TotalSeconds:0} events/s, {plans.Count} namespaces (output checksum {checksum})");
        return new TypedTranscodeResult(
            mapped / stopwatch.Elapsed.TotalSeconds,
            bytes / stopwatch.Elapsed.TotalSeconds / 1e6,
            mapped / cpuSeconds,
            bytes / cpuSeconds / 1e6,
            allocated / mapped);
    }

    private static long Pass(
        GeneratedEvents events,
        ChangeEventMapper mapper,
        TypedValueWriter writer,
        Dictionary<NamespaceRoute, (TypedWritePlan Plan, int Id)> plans,
        ByteBuffer key,
        ByteBuffer value,
        bool widen)
    {
        long written = 0;
        for (var i = 0; i < events.Count; i++)
        {
            key.Reset();
            SchemaRegistryFraming.WriteHeader(key, 0);
            var mapped = mapper.MapForTypedValue(events[i], key, out var parts);
            if (mapped.Skipped)
            {
                continue;
            }

            if (!plans.TryGetValue(mapped.Route, out var entry))
            {
                var first = TypedSchemaBuilder.FromDocument(mapped.Route.Schemas.Value.Name, mapped.Route.Schemas.Value.Namespace, parts.Document);
                entry = (TypedWritePlan.Compile(first, TypedSchemaOrigin.Inferred), 1 + plans.Count);
                plans.Add(mapped.Route, entry);
            }

            var result = Write(writer, entry.Plan, in parts, value);
            if (!result.Fits)
            {
                if (!widen)
                {
                    throw new InvalidOperationException($"A measured pass met a shape the warm-up did not: {result.Message}");
                }

                var widened = TypedSchemaBuilder.Widen(entry.Plan.Schema, parts.Document)!;
                entry = (TypedWritePlan.Compile(widened, TypedSchemaOrigin.Inferred), entry.Id);
                plans[mapped.Route] = entry;
                result = Write(writer, entry.Plan, in parts, value);
            }

            BinaryPrimitives.WriteInt32BigEndian(value.WrittenSpan[1..], entry.Id);
            written += key.WrittenCount + value.WrittenCount;
        }

        return written;
    }

    private static TypedWriteResult Write(TypedValueWriter writer, TypedWritePlan plan, scoped in TypedEventParts parts, ByteBuffer value)
    {
        value.Reset();
        SchemaRegistryFraming.WriteHeader(value, 0);
        return TypedEventWriting.Write(writer, plan, in parts, value);
    }
}
