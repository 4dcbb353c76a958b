using System.Globalization;

namespace Cdc.Bench.EndToEnd;

/// <summary>The process's peak resident set size, from /proc/self/status (VmHWM), in MiB; 0 where there is no /proc.</summary>
internal static class PeakMemory
{
    public static double PeakRssMb()
    {
        const string Path = "/proc/self/status";
        if (!File.Exists(Path))
        {
            return 0;
        }

        foreach (var line in File.ReadLines(Path))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                // "VmHWM:	  123456 kB"
                var number = line["VmHWM:".Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                return long.Parse(number, NumberStyles.None, CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        return 0;
    }
}
