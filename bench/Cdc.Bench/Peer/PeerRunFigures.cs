using Cdc.Bench.CatchUp;

namespace Cdc.Bench.Peer;

/// <summary>
/// One measured catch-up of the backlog by one process (`cdc run` or the Node.js bridge): its rate, and that process's
/// own CPU time (whole process up to the last acknowledgement, and from the first event published on) and peak RSS.
/// </summary>
internal sealed record PeerRunFigures(
    int Events,
    double EventsPerSecond,
    double WallSeconds,
    double StartupSeconds,
    double CpuSeconds,
    double CatchUpCpuSeconds,
    double PeakRssMb)
{
    /// <summary>Events over the whole process's CPU time (start-up, JIT or module loading, connecting included).</summary>
    public double EventsPerCpuSecond => Events / CpuSeconds;

    /// <summary>Events over the CPU time from the first event published to the last acknowledgement.</summary>
    public double CatchUpEventsPerCpuSecond => Events / CatchUpCpuSeconds;

    public static PeerRunFigures Of(CatchUpRun run, int events) =>
        new(events, run.EventsPerSecond, run.WallSeconds, run.StartupSeconds, run.CpuSeconds, run.CatchUpCpuSeconds, run.PeakRssMb);
}
