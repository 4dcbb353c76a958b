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
    public static TimeSpan Measure(GeneratedEvents events, int passes)
    {
        var output = new ArrayBufferWriter<byte>(64 * 1024);
        RenderAll(events, output);
        var stopwatch = Stopwatch.StartNew();
        for (var pass = 0; pass < passes; pass++)
        {
            RenderAll(events, output);
        }

        return stopwatch.Elapsed;
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
