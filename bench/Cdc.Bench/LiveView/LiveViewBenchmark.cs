using System.Diagnostics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Cdc.Bench.CatchUp;

namespace Cdc.Bench.LiveView;

/// <summary>
/// Issue 17: a live view client that never reads must not slow the pipeline. One `cdc sandbox`, one backlog of N
/// documents of about 1 KB (as the catchup benchmark writes it), then `cdc run` catching it up from the same start,
/// three times without the live view and three times with <c>http.liveView=true</c> and a WebSocket client connected to
/// <c>/changes</c> that never reads, alternating. Each run publishes into a topic of its own. The best run of each side
/// counts; <c>ratio</c> is the best with the stalled client over the best without (1.0: no cost).
/// </summary>
internal static class LiveViewBenchmark
{
    public const int DefaultEvents = 50_000;
    private const int Rounds = 3;

    public static async Task<string> RunAsync(int events, TextWriter log)
    {
        var dll = RepositoryPaths.ConnectorDll;
        var timeout = CatchUpBenchmark.CatchUpTimeout(events);
        await using var sandbox = await CatchUpBenchmark.StartSandboxAsync(events).ConfigureAwait(false);
        var backlog = CatchUpBenchmark.WriteBacklog(sandbox, events, "liveview", log);
        var before = backlog.From;

        var without = new List<CatchUpRun>();
        var with = new List<CatchUpRun>();
        for (var round = 0; round < Rounds; round++)
        {
            // Alternate which side goes first, so neither always runs on the warmer machine.
            foreach (var stalled in round % 2 == 0 ? new[] { false, true } : [true, false])
            {
                var started = Stopwatch.GetTimestamp();
                var run = stalled
                    ? await CatchUpBenchmark.MeasureAsync(dll, sandbox, before, events, $"lvon{round}", ["http.liveView=true"], StalledWebSocketClient.ConnectAsync, timeout).ConfigureAwait(false)
                    : await CatchUpBenchmark.MeasureAsync(dll, sandbox, before, events, $"lvoff{round}", ["http.liveView=false"], null, timeout).ConfigureAwait(false);
                (stalled ? with : without).Add(run);
                log.WriteLine($"liveview: round {round + 1}, {(stalled ? "live view + a client that never reads" : "no live view")}: {run.EventsPerSecond:N0} events/s, {run.CatchUpCpuSeconds:0.00} CPU-s catching up, peak RSS {run.PeakRssMb:N0} MiB ({Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s)");
            }
        }

        return JsonLine(events, backlog.BytesPerDocument, without, with);
    }

    private static string JsonLine(int events, double bytesPerDocument, List<CatchUpRun> without, List<CatchUpRun> with)
    {
        var bestWithout = without.MaxBy(run => run.EventsPerSecond)!;
        var bestWith = with.MaxBy(run => run.EventsPerSecond)!;
        var ratio = bestWith.EventsPerSecond / bestWithout.EventsPerSecond;
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("name", "liveview");
            json.WriteNumber("events", events);
            json.WriteNumber("avgDocumentBytes", Math.Round(bytesPerDocument));
            json.WriteNumber("withoutEventsPerSecond", Math.Round(bestWithout.EventsPerSecond));
            json.WriteNumber("withStalledClientEventsPerSecond", Math.Round(bestWith.EventsPerSecond));
            json.WriteNumber("ratio", Math.Round(ratio, 2));
            json.WriteNumber("withoutCatchUpCpuSecondsPerEvent1000", Math.Round(1000 * without.Min(run => run.CatchUpCpuSeconds) / events, 3));
            json.WriteNumber("withCatchUpCpuSecondsPerEvent1000", Math.Round(1000 * with.Min(run => run.CatchUpCpuSeconds) / events, 3));
            json.WriteNumber("withoutPeakRssMb", Math.Round(without.Max(run => run.PeakRssMb)));
            json.WriteNumber("withPeakRssMb", Math.Round(with.Max(run => run.PeakRssMb)));
            WriteRuns(json, "withoutRunsEventsPerSecond", without);
            WriteRuns(json, "withRunsEventsPerSecond", with);
            json.WriteStartObject("targets");
            json.WriteBoolean("stalledClientCostsAtMost10Percent", ratio >= 0.9);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteRuns(Utf8JsonWriter json, string name, List<CatchUpRun> runs)
    {
        json.WriteStartArray(name);
        foreach (var run in runs)
        {
            json.WriteNumberValue(Math.Round(run.EventsPerSecond));
        }

        json.WriteEndArray();
    }
}
