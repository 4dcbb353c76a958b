using System.Runtime;

namespace Cdc.Connector.Source;

/// <summary>
/// Gives back the memory of a very large change event once it has been processed. Such an event (up to tens of MB when
/// reassembled from fragments) leaves several arrays of its size behind on the large object heap: its reply buffers,
/// the reassembled copy, its Extended JSON and Avro renderings and the framed record lent to the producer. Left to the
/// collector's own budget, that garbage built up for many such events: peak RSS went from 347 MiB after one 32 MB event
/// to 672 MiB after thirteen (LargeEventTests). One compacting full collection after each, when the event's arrays are
/// no longer referenced, keeps the peak at about one event's worth (346 to 361 MiB, with the mapping buffers sized once
/// per event). Events this large are rare, and the collection (a few ms on the connector's small heap) is small beside
/// mapping and producing tens of MB.
/// </summary>
internal static class LargeEventMemory
{
    /// <summary>Events from this size on are followed by a collection.</summary>
    public const int ThresholdBytes = 8 * 1024 * 1024;

    /// <summary>Called before reading the next event: collects when the previous one was large, and forgets its size.</summary>
    public static void AfterEvent(ref int lastEventBytes)
    {
        if (lastEventBytes < ThresholdBytes)
        {
            lastEventBytes = 0;
            return;
        }

        lastEventBytes = 0;
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
