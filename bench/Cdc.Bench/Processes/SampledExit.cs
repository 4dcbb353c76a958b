namespace Cdc.Bench.Processes;

/// <summary>How a watched process ended: its exit code, when the exit was seen (Stopwatch ticks), and its last sampled CPU time and peak RSS.</summary>
internal readonly record struct SampledExit(int ExitCode, long ExitedTimestamp, double CpuSeconds, double PeakRssMb, int Samples);
