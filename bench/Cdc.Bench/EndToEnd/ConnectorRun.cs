using System.Diagnostics;
using Cdc.Cli.Runtime;
using Cdc.Connector.Checkpoint;
using Cdc.Connector.Configuration;
using Cdc.Connector.Mapping;
using Cdc.Connector.Pipeline;
using Cdc.Connector.Sink;
using Cdc.Connector.Registry;
using Cdc.Schemas.Registry;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cdc.Bench.EndToEnd;

/// <summary>
/// The connector as `cdc run` wires it (<see cref="ConnectorEnvironment"/>: the driver-based change stream, Kafka publisher, the
/// configured checkpoint store), running on its own thread until <see cref="Stop"/>; the given observer hears every
/// acknowledged event. Disposing stops it even when the benchmark failed.
/// </summary>
internal sealed class ConnectorRun : IDisposable
{
    private static readonly TimeSpan StopPatience = TimeSpan.FromSeconds(40);

    private readonly ConnectorEnvironment _environment;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<PipelineExit> _exit;

    public ConnectorRun(CdcOptions options, RegistryClient registry, IAckLatencyObserver observer)
    {
        _environment = new ConnectorEnvironment(options, NullLoggerFactory.Instance);
        var schemaIds = new SchemaIdCache(registry, SubjectNameStrategy.Topic, SchemaIdRetrySettings.Default, NullLogger.Instance);
        var settings = PipelineSettings.From(options) with { AckLatencyObserver = observer };
        var runner = new PipelineRunner(_environment, settings, MappingOptionsFactory.Create(options), schemaIds, NullLogger.Instance);
        _exit = runner.Start(_stop.Token);
    }

    /// <summary>Polls <paramref name="condition"/>, failing fast when the connector or <paramref name="writing"/> ended first.</summary>
    public void WaitFor(Func<bool> condition, Task? writing, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (_exit.IsCompleted)
            {
                throw new InvalidOperationException($"e2e: the connector stopped while waiting for {what}: {_exit.Result.Error ?? "no error"}.");
            }

            if (writing is { IsFaulted: true })
            {
                throw new InvalidOperationException($"e2e: the writer failed while waiting for {what}.", writing.Exception);
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"e2e: timed out after {timeout.TotalSeconds:N0} s waiting for {what}.");
            }

            Thread.Sleep(10);
        }
    }

    /// <summary>Stops as on SIGTERM (flush, final commit) and checks the connector ended without an error.</summary>
    public void Stop()
    {
        _stop.Cancel();
        if (!_exit.Wait(StopPatience))
        {
            throw new TimeoutException($"e2e: the connector did not stop within {StopPatience.TotalSeconds:N0} s.");
        }

        if (_exit.Result.Error is { } error)
        {
            throw new InvalidOperationException($"e2e: the connector stopped with an error: {error}");
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _exit.Wait(StopPatience);
        _environment.Dispose();
        _stop.Dispose();
    }
}
