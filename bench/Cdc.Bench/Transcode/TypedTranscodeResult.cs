namespace Cdc.Bench.Transcode;

/// <summary>The typed row of the transcode benchmark (issue 19: ≥ 200 MB per CPU second, ≤ 64 B allocated per event).</summary>
internal sealed record TypedTranscodeResult(double EventsPerSec, double MbPerSec, double EventsPerCpuSec, double MbPerCpuSec, double AllocBytesPerEvent)
{
    public const double TargetMbPerCpuSec = 200;
    public const double TargetAllocBytesPerEvent = 64;
}
