using System.Diagnostics;
using Cdc.Bench.CatchUp;
using Cdc.Bench.Processes;

namespace Cdc.Bench.EndToEnd;

/// <summary>
/// `cdc run` as a process of its own, streaming one collection while the benchmark writes to it: its /metrics text,
/// its CPU time and RSS from /proc, and a check that it is still running (it must ride out a Kafka outage by itself).
/// </summary>
internal sealed class StreamingConnector : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    private readonly ChildProcess _process;
    private readonly HttpClient _http;
    private readonly DirectoryInfo _directory;

    private StreamingConnector(ChildProcess process, HttpClient http, DirectoryInfo directory)
    {
        _process = process;
        _http = http;
        _directory = directory;
    }

    public int ProcessId => _process.Id;

    /// <summary>
    /// Starts `cdc run` reading <paramref name="collection"/> from <paramref name="from"/>, with
    /// <paramref name="extraSettings"/> after the benchmark's own; returns once its change stream is open.
    /// </summary>
    public static async Task<StreamingConnector> StartAsync(
        string dll, SandboxProcess sandbox, string collection, Cdc.Schemas.Bson.BsonTimestamp from, string topicPrefix, IReadOnlyList<string> extraSettings, TimeSpan patience)
    {
        var directory = Directory.CreateTempSubdirectory("cdc-bench-e2e-");
        var port = CatchUpBenchmark.FreePort();
        string[] settings = [.. CatchUpBenchmark.RunSettings(sandbox, collection, from, topicPrefix, Path.Combine(directory.FullName, "checkpoint.json"), port), .. extraSettings];
        var process = ChildProcess.StartDotnet("cdc run", dll, ["run", .. settings.SelectMany(setting => new[] { "--set", setting })]);
        var connector = new StreamingConnector(process, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) }, directory);
        try
        {
            await connector.WaitUntilAsync(metrics => metrics.Reading, patience, "its change stream to open").ConfigureAwait(false);
            return connector;
        }
        catch
        {
            connector.Dispose();
            throw;
        }
    }

    /// <summary>Its /metrics text; fails when it has exited.</summary>
    public async Task<string> MetricsTextAsync()
    {
        ThrowIfExited();
        return await _http.GetStringAsync(new Uri("/metrics", UriKind.Relative)).ConfigureAwait(false);
    }

    /// <summary>Its CPU time and RSS now; fails when it has exited.</summary>
    public ProcessStats Stats()
    {
        ThrowIfExited();
        return ProcessStats.Read(_process.Id);
    }

    public void ThrowIfExited()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"e2e: cdc run exited with {_process.ExitCode}; it must keep running: {_process.ErrorTail}");
        }
    }

    /// <summary>Scrapes /metrics until <paramref name="condition"/> holds; a refused scrape (not listening yet) is retried.</summary>
    public async Task<MetricsScrape> WaitUntilAsync(Func<MetricsScrape, bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"e2e: cdc run did not reach {what} within {timeout.TotalSeconds:N0} s: {_process.ErrorTail}");
            }

            try
            {
                var metrics = MetricsScrape.Parse(await MetricsTextAsync().ConfigureAwait(false));
                if (condition(metrics))
                {
                    return metrics;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(Poll).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until at least <paramref name="events"/> are published and none is in flight (all acknowledged by Kafka).</summary>
    public Task<MetricsScrape> WaitUntilAcknowledgedAsync(long events, TimeSpan timeout) =>
        WaitUntilAsync(metrics => metrics.Published >= events && metrics.InFlight == 0, timeout, $"{events:N0} events published and acknowledged");

    /// <summary>Stops it with SIGTERM; it must exit 0.</summary>
    public async Task StopAsync()
    {
        var exit = await _process.TerminateAsync(TimeSpan.FromSeconds(40)).ConfigureAwait(false);
        if (exit != 0)
        {
            throw new InvalidOperationException($"e2e: cdc run exited with {exit} after SIGTERM: {_process.ErrorTail}");
        }
    }

    public void Dispose()
    {
        _process.Dispose();
        _http.Dispose();
        _directory.Delete(recursive: true);
    }
}
