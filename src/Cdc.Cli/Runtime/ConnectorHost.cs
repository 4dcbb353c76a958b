using Cdc.Connector.Checkpoint;
using Cdc.Connector.Configuration;
using Cdc.Connector.LiveView;
using Cdc.Connector.Mapping;
using Cdc.Connector.Observability;
using Cdc.Connector.Pipeline;
using Cdc.Connector.Registry;
using Cdc.Connector.Sink;
using Cdc.Schemas.Mapping;
using Microsoft.Extensions.Logging;

namespace Cdc.Cli.Runtime;

/// <summary>
/// One running connector: the real environment (MongoDB, Kafka, the checkpoint store, the Schema Registry), the pipeline
/// runner, and the operations endpoint. `cdc run` runs one until a signal; `cdc demo` runs one in-process and reads its
/// <see cref="Counters"/> and <see cref="Status"/> for the live view.
/// </summary>
internal sealed class ConnectorHost : IDisposable
{
    /// <summary>How often the Kafka probe asks for metadata, and how long it waits for an answer.</summary>
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    private readonly ILogger _logger;
    private readonly RegistryClient _registry;
    private readonly ConnectorEnvironment _environment;
    private readonly PipelineRunner _runner;
    private readonly ConnectorMetrics _metrics;
    private readonly ConnectorTelemetry? _telemetry;
    private readonly LiveChangeFeed? _live;
    private KafkaReachabilityProbe? _probe;
    private OperationsServer? _server;

    private ConnectorHost(CdcOptions options, ILoggerFactory loggerFactory)
    {
        Options = options;
        _logger = loggerFactory.CreateLogger<ConnectorHost>();
        LibrdkafkaLoader.EnsureLoaded();
        var counters = new PipelineCounters();
        var status = new ConnectorStatus();
        _metrics = new ConnectorMetrics(counters, status, ProductVersion.Value);
        _telemetry = options.Http.Enabled || options.Telemetry.OtlpEndpoint is not null
            ? ConnectorTelemetry.Start(_metrics.Meter, options.Telemetry, prometheus: options.Http.Enabled, options.Pipeline.Name, loggerFactory.CreateLogger<ConnectorTelemetry>())
            : null;
        try
        {
            _registry = RegistryClient.Create(RegistryClientOptions.From(options.SchemaRegistry));
        }
        catch
        {
            _telemetry?.Dispose();
            _metrics.Dispose();
            throw;
        }

        try
        {
            _live = options.Http.Enabled && options.Http.LiveView ? new LiveChangeFeed(status, counters) : null;
            _environment = new ConnectorEnvironment(options, loggerFactory, _live);
            var schemaIds = new SchemaIdCache(
                _registry,
                options.SchemaRegistry.SubjectNameStrategy,
                SchemaIdRetrySettings.Default,
                loggerFactory.CreateLogger<SchemaIdCache>(),
                new RegistryOutageReporter(counters, status));
            var settings = PipelineSettings.From(options) with { AckLatencyObserver = _metrics.AddedLatency };
            var mapping = MappingOptionsFactory.Create(options);
            var typed = mapping.Value == ValueFormat.Document
                ? new TypedValueEncoder(
                    new TypedSchemaLedger(
                        _registry,
                        options.SchemaRegistry.SubjectNameStrategy,
                        SchemaIdRetrySettings.Default,
                        loggerFactory.CreateLogger<TypedSchemaLedger>(),
                        new RegistryOutageReporter(counters, status)),
                    new TypedSchemaStarts(mapping.DeclaredSchemas, _environment.ReadValidator, loggerFactory.CreateLogger<TypedSchemaStarts>()))
                : null;
            _runner = new PipelineRunner(
                _environment, settings, mapping, schemaIds, loggerFactory.CreateLogger<PipelineRunner>(), counters, status, _live, typed);
        }
        catch
        {
            _live?.Dispose();
            _environment?.Dispose();
            _registry.Dispose();
            _telemetry?.Dispose();
            _metrics.Dispose();
            throw;
        }
    }

    public CdcOptions Options { get; }

    public PipelineCounters Counters => _runner.Counters;

    public ConnectorStatus Status => _runner.Status;

    /// <summary>Where /healthz, /readyz and /metrics (and the live view, with http.liveView) are served once <see cref="Start"/> returned; null when http.enabled is false.</summary>
    public Uri? HttpAddress { get; private set; }

    /// <summary>Wires everything; throws <see cref="CheckpointStoreException"/>, <see cref="DllNotFoundException"/> or <see cref="ArgumentException"/> when wiring fails.</summary>
    public static ConnectorHost Create(CdcOptions options, ILoggerFactory loggerFactory) => new(options, loggerFactory);

    /// <summary>What GET /healthz answers now.</summary>
    public ProbeResult CheckHealth() => HealthCheck.Evaluate(Status, HealthCheck.StallLimit(Options.MongoDb.MaxAwaitTimeMs));

    /// <summary>What GET /readyz answers now.</summary>
    public ProbeResult CheckReadiness() => ReadinessCheck.Evaluate(Status);

    /// <summary>
    /// Starts the Kafka probe and the operations endpoint (throws <see cref="IOException"/> when http.host:http.port
    /// cannot be bound), logs the start-up summary, then starts the pipeline on its own thread; the task completes
    /// with the pipeline's exit.
    /// </summary>
    public Task<PipelineExit> Start(CancellationToken stopping)
    {
        _probe = new KafkaReachabilityProbe(Options.Kafka, Status, ProbeInterval, ProbeTimeout);
        _probe.Start();
        var http = Options.Http;
        if (http.Enabled)
        {
            var live = _live;
            _server = OperationsServer.StartAsync(
                http.Host, http.Port, CheckHealth, CheckReadiness, _telemetry!.Provider, stopping, live is null ? null : app => LiveViewEndpoint.Map(app, live))
                .GetAwaiter().GetResult();
            HttpAddress = _server.Address;
            var address = _server.Address.ToString().TrimEnd('/');
            OperationsLog.Listening(_logger, address);
            if (live is not null)
            {
                OperationsLog.LiveView(_logger, address + "/");
            }
        }
        else
        {
            OperationsLog.Disabled(_logger);
        }

        StartupSummary.Log(_logger, Options, _environment, HttpAddress);
        if (_telemetry?.OtlpTargetShown is { } otlp)
        {
            var protocol = ConfigurationSchema.WordOf(Options.Telemetry.OtlpProtocol);
            OperationsLog.ExportingOtlp(_logger, otlp, protocol, Options.Telemetry.OtlpIntervalMs);
        }

        return _runner.Start(stopping);
    }

    public void Dispose()
    {
        _server?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _live?.Dispose();
        _probe?.Dispose();
        _environment.Dispose();
        _registry.Dispose();
        _telemetry?.Dispose();
        _metrics.Dispose();
    }
}
