using System.Globalization;

namespace Cdc.Bench.Processes;

/// <summary>
/// Another process's CPU time and memory from /proc: utime + stime of /proc/PID/stat (every thread, in the kernel's
/// fixed 100 ticks per second of the user ABI) and VmHWM / VmRSS of /proc/PID/status.
/// </summary>
internal readonly record struct ProcessStats(double CpuSeconds, double PeakRssMb, double RssMb)
{
    private const double TicksPerSecond = 100;

    public static ProcessStats Read(int pid)
    {
        // "pid (comm) state ppid …": comm may hold spaces and parentheses, so count fields after the last ')'.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // After comm: state is field 3 of the line (index 0 here), utime field 14 (index 11), stime field 15 (index 12).
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        double peak = 0, rss = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line) / 1024.0;
            }
            else if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line) / 1024.0;
            }
        }

        return new ProcessStats(ticks / TicksPerSecond, peak, rss);
    }

    private static long Kilobytes(string line) =>
        long.Parse(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);
}
