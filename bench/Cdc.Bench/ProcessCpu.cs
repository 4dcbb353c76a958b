using System.Diagnostics;

namespace Cdc.Bench;

/// <summary>The CPU time of this whole process (every thread: the pipeline's, librdkafka's, the embedded servers').</summary>
internal static class ProcessCpu
{
    public static TimeSpan Now()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
