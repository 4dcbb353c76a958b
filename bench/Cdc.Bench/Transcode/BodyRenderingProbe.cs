using System.Buffers;
using System.Diagnostics;
using Cdc.Schemas.Bson;
using Cdc.Schemas.ExtendedJson;

namespace Cdc.Bench.Transcode;

/// <summary>
/// Times ExtendedJsonWriter alone on the same events' document fields (fullDocument, updateDescription, documentKey),
/// so the report can say how much of the transcode time is Extended JSON rendering and how much is the mapping itself.
/// </summary>
internal static class BodyRenderingProbe
{
    /// <returns>The process CPU time the measured passes took (CPU time, like the transcode share it is compared with).</returns>
    public static TimeSpan Measure(GeneratedEvents events, int passes)
    {
        var output = new ArrayBufferWriter<byte>(64 * 1024);
        RenderAll(events, output);
        var before = Process.GetCurrentProcess().TotalProcessorTime;
        for (var pass = 0; pass < passes; pass++)
        {
            RenderAll(events, output);
        }

        return Process.GetCurrentProcess().TotalProcessorTime - before;
    }

    private static void RenderAll(GeneratedEvents events, ArrayBufferWriter<byte> output)
    {
        for (var i = 0; i < events.Count; i++)
        {
            output.ResetWrittenCount();
            var reader = new BsonReader(events[i]);
            while (reader.MoveNext())
            {
                var element = reader.Current;
                if (element.Type != BsonType.Document || element.NameEquals("ns"u8) || element.NameEquals("_id"u8))
                {
                    continue;
                }

                if (element.NameEquals("updateDescription"u8))
                {
                    var inner = element.GetDocumentReader();
                    while (inner.MoveNext())
                    {
                        if (inner.Current.Type == BsonType.Document)
                        {
                            ExtendedJsonWriter.WriteDocument(inner.Current.Value, output, ExtendedJsonMode.Relaxed);
                        }
                    }

                    continue;
                }

                var mode = element.NameEquals("documentKey"u8) ? ExtendedJsonMode.Canonical : ExtendedJsonMode.Relaxed;
                ExtendedJsonWriter.WriteDocument(element.Value, output, mode);
            }
        }
    }
}
