using System.Globalization;

namespace Cdc.Bench.EndToEnd;

/// <summary>The process's resident set size from /proc/self/status, in MiB; 0 where there is no /proc.</summary>
internal static class PeakMemory
{
    /// <summary>The peak so far (VmHWM).</summary>
    public static double PeakRssMb() => Read("VmHWM:");

    /// <summary>Now (VmRSS).</summary>
    public static double CurrentRssMb() => Read("VmRSS:");

    private static double Read(string field)
    {
        const string Path = "/proc/self/status";
        if (!File.Exists(Path))
        {
            return 0;
        }

        foreach (var line in File.ReadLines(Path))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                // "VmHWM:	  123456 kB"
                var number = line[field.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                return long.Parse(number, NumberStyles.None, CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        return 0;
    }
}
