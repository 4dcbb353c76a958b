namespace Cdc.Bench.CatchUp;

/// <summary>One measured `cdc run` catching up a backlog: its rate and the connector process's own CPU and memory.</summary>
internal sealed record CatchUpRun(double EventsPerSecond, double WallSeconds, double StartupSeconds, double CpuSeconds, double CatchUpCpuSeconds, double PeakRssMb);
