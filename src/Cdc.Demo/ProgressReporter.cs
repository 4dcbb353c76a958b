using System.Globalization;

namespace Cdc.Demo;

/// <summary>When stdout is not a terminal (a log file, a CI job): one plain line a second on stderr instead of the live view.</summary>
internal static class ProgressReporter
{
    public static async Task RunAsync(TextWriter stderr, Func<DemoSnapshot> snapshot, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            await stderr.WriteLineAsync(Line(snapshot())).ConfigureAwait(false);
        }
    }

    public static string Line(DemoSnapshot s) => string.Create(
        CultureInfo.InvariantCulture,
        $"cdc demo: {DemoFormat.Elapsed(s.Elapsed)} {s.Stage}; writes {DemoFormat.Count(s.WorkloadOperations)}; " +
        $"read {DemoFormat.Count(s.EventsRead)} ({DemoFormat.Rate(s.ReadPerSecond)}); published {DemoFormat.Count(s.EventsPublished)} + {DemoFormat.Count(s.PublishedTombstones)} tombstones; " +
        $"consumed {DemoFormat.Count(s.ConsumedEvents)} records + {DemoFormat.Count(s.ConsumedTombstones)} tombstones ({DemoFormat.Count(s.DecodeFailures)} decode failures); " +
        $"lag {DemoFormat.Seconds(s.SourceLagSeconds)}; p99 {DemoFormat.Milliseconds(s.Latency?.P99)}; in flight {DemoFormat.Count(s.InFlightEvents)}; " +
        $"snapshot {s.InitialSnapshot.Describe()}");
}
