namespace Cdc.Bench.ChangeStream;

/// <summary>
/// One timed read of the N events by a C# reader: events per second (wall clock, open included), per CPU second of
/// this whole process, and bytes allocated by the whole process per event (GC.GetTotalAllocatedBytes over the pass).
/// </summary>
internal sealed record ChangeStreamPass(double EventsPerSec, double EventsPerCpuSec, double AllocBytesPerEvent, double AvgEventBytes);
