using Cdc.Connector.Cli;
using Cdc.Connector.Configuration;
using Cdc.Connector.Mapping;
using Cdc.Connector.Observability;
using Cdc.Connector.Pipeline;
using Cdc.Connector.Sink;
using Cdc.Schemas.Registry;
using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Hosting;

/// <summary>
/// One running connector: the real environment (MongoDB, Kafka, the checkpoint store, the Schema Registry), the pipeline
/// runner, and the operations endpoint. `cdc run` runs one until a signal; `cdc demo` runs one in-process and reads its
/// <see cref="Counters"/> and <see cref="Status"/> for the live view.
/// </summary>
internal sealed class ConnectorHost : IDisposable
{
    private readonly SchemaRegistryClient _registry;
    private readonly ConnectorEnvironment _environment;
    private readonly PipelineRunner _runner;

    private ConnectorHost(CdcOptions options, ILoggerFactory loggerFactory)
    {
        Options = options;
        LibrdkafkaLoader.EnsureLoaded();
        _registry = new SchemaRegistryClient(new SchemaRegistryOptions
        {
            Urls = options.SchemaRegistry.Url!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            BasicAuth = string.IsNullOrEmpty(options.SchemaRegistry.BasicAuth) ? null : options.SchemaRegistry.BasicAuth,
        });
        try
        {
            _environment = new ConnectorEnvironment(options, loggerFactory);
            var schemaIds = new SchemaIdCache(
                _registry, RunCommand.ParseStrategy(options.SchemaRegistry.SubjectNameStrategy), SchemaIdRetrySettings.Default, loggerFactory.CreateLogger<SchemaIdCache>());
            _runner = new PipelineRunner(
                _environment, PipelineSettings.From(options), MappingOptionsFactory.Create(options), schemaIds, loggerFactory.CreateLogger<PipelineRunner>());
        }
        catch
        {
            _environment?.Dispose();
            _registry.Dispose();
            throw;
        }
    }

    public CdcOptions Options { get; }

    public PipelineCounters Counters => _runner.Counters;

    public ConnectorStatus Status => _runner.Status;

    /// <summary>Where /healthz, /readyz and /metrics are served once <see cref="Start"/> returned; null when http.enabled is false.</summary>
    public Uri? HttpAddress { get; private set; }

    /// <summary>Wires everything; throws <see cref="Checkpoint.CheckpointStoreException"/>, <see cref="DllNotFoundException"/> or <see cref="ArgumentException"/> when wiring fails.</summary>
    public static ConnectorHost Create(CdcOptions options, ILoggerFactory loggerFactory) => new(options, loggerFactory);

    /// <summary>Starts the operations endpoint, then the pipeline on its own thread; the task completes with the pipeline's exit.</summary>
    public Task<PipelineExit> Start(CancellationToken stopping) => _runner.Start(stopping);

    public void Dispose()
    {
        _environment.Dispose();
        _registry.Dispose();
    }
}
