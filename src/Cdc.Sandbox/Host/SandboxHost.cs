using System.Net.Sockets;
using Cdc.Sandbox.Kafka;
using Cdc.Sandbox.MongoDb.Security;
using Cdc.Sandbox.MongoDb.Server;
using Cdc.Sandbox.SchemaRegistry;
using Cdc.Sandbox.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cdc.Sandbox.Host;

/// <summary>
/// The three stand-ins in one process — the MongoDB emulator, librdkafka's mock cluster and the in-memory Schema
/// Registry — plus the HTTP control API that lets other processes inject faults. What `cdc sandbox` runs.
/// Disposing stops the parts in reverse order of starting, each bounded in time.
/// </summary>
internal sealed class SandboxHost : IAsyncDisposable
{
    public static readonly TimeSpan StopTimeoutPerPart = TimeSpan.FromSeconds(5);

    private readonly ILogger _logger;
    private readonly ILoggerFactory _loggerFactory;
    private MongoServer? _mongo;

    // With `--auth`: the connector's least-privilege user (the ready line's mongodb) and an admin for workloads and setup.
    private MongoServerUser? _mongoConnector;
    private MongoServerUser? _mongoAdmin;
    private KafkaMockCluster? _kafka;
    private SandboxCertificates? _certificates;
    private KafkaTlsRelays? _kafkaRelays;
    private InMemorySchemaRegistry? _registry;
    private RegistryFaultControl? _registryFaults;
    private ControlApi? _control;
    private int _disposed;

    private SandboxHost(SandboxHostOptions options, ILoggerFactory loggerFactory)
    {
        Options = options;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<SandboxHost>();
    }

    public SandboxHostOptions Options { get; }

    public MongoServer MongoDb => _mongo ?? throw NotStarted();

    public KafkaMockCluster Kafka => _kafka ?? throw NotStarted();

    public InMemorySchemaRegistry SchemaRegistry => _registry ?? throw NotStarted();

    /// <summary>The registry's faults with what was injected through the control API, for <c>/status</c>.</summary>
    public RegistryFaultControl SchemaRegistryFaults => _registryFaults ?? throw NotStarted();

    /// <summary>With `--tls`: the throwaway CA and server certificate (null without it).</summary>
    public SandboxCertificates? Certificates => _certificates;

    /// <summary>With `--tls`: the TLS relays in front of the brokers (null without it).</summary>
    public KafkaTlsRelays? KafkaTlsRelays => _kafkaRelays;

    /// <summary>With `--auth`: the registry's generated "user:password" (null without it).</summary>
    public string? SchemaRegistryBasicAuth { get; private set; }

    /// <summary>What clients use: with TLS, Kafka's endpoints are the relays, never the mock's plaintext ports.</summary>
    public string KafkaBootstrapServers => _kafkaRelays?.BootstrapServers ?? Kafka.BootstrapServers;

    public SandboxEndpoints Endpoints => new(MongoDbUri(_mongoConnector), KafkaBootstrapServers, SchemaRegistry.Url, ControlUrl)
    {
        CaFile = _certificates?.CaFile,
        SchemaRegistryBasicAuth = SchemaRegistryBasicAuth,
        MongoDbAdmin = _mongoAdmin is null ? null : MongoDbUri(_mongoAdmin),
    };

    /// <summary>
    /// The emulator's URI for clients: with `--tls`, tls=true (the CA is caFile); with `--auth`, the credentials of
    /// <paramref name="user"/> and authSource=admin.
    /// </summary>
    private string MongoDbUri(MongoServerUser? user)
    {
        var uri = MongoDb.ConnectionString;
        if (user is not null)
        {
            uri = uri.Replace("mongodb://", $"mongodb://{Uri.EscapeDataString(user.Name)}:{Uri.EscapeDataString(user.Password)}@", StringComparison.Ordinal) + "&authSource=admin";
        }

        return _certificates is null ? uri : uri + "&tls=true";
    }

    public string ControlUrl => _control?.Url ?? throw NotStarted();

    /// <summary>
    /// Starts every part; if one fails, the ones already started are stopped before the exception propagates.
    /// A missing librdkafka surfaces as the loader's <see cref="DllNotFoundException"/>; a taken port as
    /// <see cref="SandboxStartException"/>.
    /// </summary>
    public static async Task<SandboxHost> StartAsync(SandboxHostOptions options, ILoggerFactory? loggerFactory = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        var host = new SandboxHost(options, loggerFactory ?? NullLoggerFactory.Instance);
        try
        {
            await host.StartPartsAsync(ct).ConfigureAwait(false);
            return host;
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_control is { } control)
        {
            await StopPartAsync("control API", () => control.DisposeAsync().AsTask()).ConfigureAwait(false);
        }

        if (_registry is { } registry)
        {
            await StopPartAsync("Schema Registry", () => registry.DisposeAsync().AsTask()).ConfigureAwait(false);
        }

        if (_kafkaRelays is { } relays)
        {
            await StopPartAsync("Kafka TLS relays", () => relays.DisposeAsync().AsTask()).ConfigureAwait(false);
        }

        if (_kafka is { } kafka)
        {
            // Synchronous and up to ~1 s (the mock thread polls for the stop request), so off the caller's thread.
            await StopPartAsync("Kafka mock cluster", () => Task.Run(kafka.Dispose)).ConfigureAwait(false);
        }

        if (_mongo is { } mongo)
        {
            await StopPartAsync("MongoDB emulator", () => mongo.DisposeAsync().AsTask()).ConfigureAwait(false);
        }

        // Last: the CA file is deleted only once nothing serves a certificate it signed.
        _certificates?.Dispose();
    }

    private async Task StartPartsAsync(CancellationToken ct)
    {
        if (Options.Tls)
        {
            try
            {
                _certificates = SandboxCertificates.Create();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new SandboxStartException($"The sandbox cannot write its throwaway CA certificate to a temporary directory: {e.Message} Set TMPDIR to a writable directory.", e);
            }

            SandboxHostLog.CertificatesMade(_logger, _certificates.CaFile);
        }

        if (Options.Auth)
        {
            SchemaRegistryBasicAuth = SandboxCredentials.NewBasicAuth();
        }

        if (Options.Auth)
        {
            // Exactly what a connector needs (docs/security.md): change streams and snapshots of any database
            // (readAnyDatabase) and its checkpoints in the cdc database (checkpoint.store=mongodb); nothing else.
            _mongoConnector = new MongoServerUser("cdc", SandboxCredentials.NewPassword(), [new RoleName("readAnyDatabase", "admin"), new RoleName("readWrite", "cdc")]);
            _mongoAdmin = new MongoServerUser("cdc-admin", SandboxCredentials.NewPassword(), [new RoleName("root", "admin")]);
        }

        var mongoOptions = new MongoServerOptions
        {
            Port = Options.MongoDbPort,
            ReplicaSetName = Options.ReplicaSetName,
            OplogCapacity = Options.OplogWindow,
            TlsCertificate = _certificates?.ServerCertificate,
            RequireAuthentication = Options.Auth,
            Users = _mongoAdmin is null || _mongoConnector is null ? [] : [_mongoAdmin, _mongoConnector],
        };
        try
        {
            _mongo = MongoServer.Start(mongoOptions, _loggerFactory.CreateLogger<MongoServer>());
        }
        catch (SocketException e)
        {
            throw new SandboxStartException($"The MongoDB emulator cannot listen on 127.0.0.1:{Options.MongoDbPort}: {e.Message}.", e);
        }

        SandboxHostLog.Started(_logger, "MongoDB emulator", _mongo.ConnectionString);
        ct.ThrowIfCancellationRequested();

        _kafka = new KafkaMockCluster(Options.KafkaBrokers);
        SandboxHostLog.KafkaStarted(_logger, _kafka.LibraryVersion, _kafka.BrokerCount, _kafka.BootstrapServers);
        ct.ThrowIfCancellationRequested();

        if (_certificates is not null)
        {
            try
            {
                _kafkaRelays = KafkaTlsRelays.Start(_kafka, _certificates.ServerCertificate);
            }
            catch (Exception e) when (e is SocketException or KafkaMockException)
            {
                throw new SandboxStartException($"The Kafka TLS relays could not start on 127.0.0.1: {e.Message} Run without --tls, or free ephemeral ports.", e);
            }

            SandboxHostLog.Started(_logger, "Kafka TLS relays", _kafkaRelays.BootstrapServers);
        }

        var registryOptions = new InMemorySchemaRegistryOptions
        {
            Port = Options.SchemaRegistryPort,
            ServerCertificate = _certificates?.ServerCertificate,
            BasicAuth = SchemaRegistryBasicAuth,
            ConfluentUnauthorizedBody = true,
        };
        try
        {
            _registry = await InMemorySchemaRegistry.StartAsync(registryOptions, ct).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new SandboxStartException($"The Schema Registry cannot listen on 127.0.0.1:{Options.SchemaRegistryPort}: {e.Message}", e);
        }

        _registryFaults = new RegistryFaultControl(_registry.Faults);
        SandboxHostLog.Started(_logger, "Schema Registry", _registry.Url);

        _control = await ControlApi.StartAsync(this, Options.ControlPort, _loggerFactory.CreateLogger<ControlApi>(), ct).ConfigureAwait(false);
        SandboxHostLog.Started(_logger, "control API", _control.Url);
    }

    private async Task StopPartAsync(string part, Func<Task> stop)
    {
        try
        {
            await stop().WaitAsync(StopTimeoutPerPart).ConfigureAwait(false);
            SandboxHostLog.Stopped(_logger, part);
        }
        catch (TimeoutException)
        {
            SandboxHostLog.StopTimedOut(_logger, part, StopTimeoutPerPart.TotalSeconds);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Stopping must go on with the other parts whatever one of them does.
            SandboxHostLog.StopFailed(_logger, e, part);
        }
    }

    private static InvalidOperationException NotStarted() => new("The sandbox host has not started this part.");
}
