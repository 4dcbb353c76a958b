using System.Diagnostics;

namespace Cdc.Bench.Processes;

/// <summary>
/// Watches a process that ends by itself: its CPU time and peak RSS (<see cref="ProcessStats"/>) sampled from /proc every
/// <see cref="Interval"/> until it exits. /proc/PID vanishes when .NET reaps the child, so the figures are those of the
/// last sample: at most one interval of CPU time is missed at the very end, and VmHWM (the kernel's own high-water mark)
/// misses only a peak reached in that last interval.
/// </summary>
internal static class ProcessSampler
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

    /// <summary>Samples until <paramref name="child"/> exits; kills it and throws when <paramref name="timeout"/> passes first.</summary>
    public static async Task<SampledExit> WatchUntilExitAsync(ChildProcess child, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var exited = child.WaitForExitAsync(CancellationToken.None);
        ProcessStats last = default;
        double peakRss = 0;
        var samples = 0;
        while (!exited.IsCompleted)
        {
            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"{child.Name} did not exit within {timeout.TotalSeconds:N0} s: {child.ErrorTail}");
            }

            try
            {
                last = ProcessStats.Read(child.Id);
                peakRss = Math.Max(peakRss, last.PeakRssMb);
                samples++;
            }
            catch (IOException)
            {
                // Exited (and reaped) between the check and the read: the previous sample is the last.
            }

            await Task.WhenAny(exited, Task.Delay(Interval, CancellationToken.None)).ConfigureAwait(false);
        }

        var exitedAt = Stopwatch.GetTimestamp();
        await exited.ConfigureAwait(false);
        return new SampledExit(child.ExitCode, exitedAt, last.CpuSeconds, peakRss, samples);
    }
}
