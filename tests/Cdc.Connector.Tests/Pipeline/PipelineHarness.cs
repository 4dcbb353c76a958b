using Cdc.Connector.Observability;
using Cdc.Connector.Pipeline;
using Cdc.Connector.Registry;
using Cdc.Connector.Sink;
using Cdc.Sandbox.SchemaRegistry;
using Cdc.Schemas.Mapping;
using Cdc.Schemas.Registry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cdc.Connector.Tests.Pipeline;

/// <summary>
/// A pipeline runner over a <see cref="FakeEnvironment"/> and the real <see cref="SchemaIdCache"/> against the in-process
/// Schema Registry. Disposing stops the runner and the registry, even when the test failed.
/// </summary>
internal sealed class PipelineHarness : IAsyncDisposable
{
    /// <summary>How long a test waits for the pipeline to get somewhere: only a bound on a hang, never reached by a healthy run on a loaded machine.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly CancellationTokenSource _stop = new();
    private readonly RegistryClient _client;

    private PipelineHarness(InMemorySchemaRegistry registry, FakeEnvironment environment, PipelineSettings settings, MappingOptions mapping, ILogger logger)
    {
        Registry = registry;
        Environment = environment;
        // The limit only bounds a hang (no pipeline test is about a slow registry): a request timed out on a loaded machine
        // would be retried and counted as a registry error, which tests compare with the failures they injected.
        _client = RegistryClient.Create(new RegistryClientOptions { Urls = [registry.Url], RequestTimeout = TimeSpan.FromSeconds(30) });
        var counters = new PipelineCounters();
        var status = new ConnectorStatus();
        var schemaIds = new SchemaIdCache(
            _client,
            SubjectNameStrategy.Topic,
            new SchemaIdRetrySettings(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(100)),
            NullLogger.Instance,
            new RegistryOutageReporter(counters, status));
        Runner = new PipelineRunner(environment, settings, mapping, schemaIds, logger, counters, status);
    }

    public InMemorySchemaRegistry Registry { get; }

    public FakeEnvironment Environment { get; }

    public PipelineRunner Runner { get; }

    public Task<PipelineExit>? Exit { get; private set; }

    public static PipelineSettings FastSettings { get; } = new()
    {
        Name = "test",
        MaxInFlightEvents = 100,
        MaxInFlightBytes = 1024 * 1024,
        ShutdownGrace = TimeSpan.FromSeconds(2),
        RestartBackoff = TimeSpan.FromMilliseconds(10),
        RestartBackoffMax = TimeSpan.FromMilliseconds(50),
        CheckpointInterval = TimeSpan.FromMilliseconds(20),
    };

    /// <summary>A harness over the fakes (new ones by default) and a fresh in-process registry; the runner logs to <paramref name="logger"/> (nowhere by default).</summary>
    public static async Task<PipelineHarness> CreateAsync(
        FakeEnvironment? environment = null, PipelineSettings? settings = null, MappingOptions? mapping = null, ILogger? logger = null) =>
        new(await InMemorySchemaRegistry.StartAsync(), environment ?? new FakeEnvironment(), settings ?? FastSettings, mapping ?? new MappingOptions(), logger ?? NullLogger.Instance);

    public PipelineHarness Start()
    {
        Exit = Runner.Start(_stop.Token);
        return this;
    }

    public void RequestStop() => _stop.Cancel();

    public async Task<PipelineExit> StopAsync()
    {
        _stop.Cancel();
        return await WaitForExitAsync();
    }

    public async Task<PipelineExit> WaitForExitAsync() => await Exit!.WaitAsync(Patience);

    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(5);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        if (Exit is not null)
        {
            try
            {
                await Exit.WaitAsync(Patience);
            }
            catch (TimeoutException)
            {
                // The test already failed; do not hide its own assertion.
            }
        }

        _client.Dispose();
        await Registry.DisposeAsync();
        _stop.Dispose();
    }
}
