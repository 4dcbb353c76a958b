namespace Cdc.Bench.Transcode;

/// <summary>The Node.js peer's throughput, by wall clock and by CPU time.</summary>
internal sealed record PeerResult(double EventsPerSec, double EventsPerCpuSec);
