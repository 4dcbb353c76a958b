using System.Globalization;

namespace Cdc.Integration.Tests;

/// <summary>
/// A process's resident set size as Linux reports it (VmRSS in /proc/PID/status). RSS counts pages actually mapped,
/// so it includes the runtime's and librdkafka's heaps and whatever the GC has not returned yet: an upper bound on what
/// the process holds, good for "did it grow with the data" rather than an exact byte count.
/// </summary>
internal static class ProcessMemory
{
    /// <summary>VmRSS in bytes; null when the process is gone (or the file is not there, as off Linux).</summary>
    public static long? ResidentBytes(int processId)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/status");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        foreach (var line in lines)
        {
            if (!line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                continue;
            }

            // "VmRSS:	  123456 kB"
            var digits = line["VmRSS:".Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
            return long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture) * 1024;
        }

        return null;
    }
}
