using System.Text.Json;

namespace Cdc.Integration.Tests;

/// <summary>
/// One `cdc sandbox` per test class (xunit class fixture); or the real services when CDC_IT_* are all set; or the
/// process's shared containers (<see cref="ContainerStack"/>) when CDC_IT_CONTAINERS=1 or a Docker engine answers
/// (<see cref="ItBackendSelection"/> decides). Tests that need their own sandbox (other options, such as a short
/// oplog window) call <see cref="StartDedicatedAsync"/>. Tests share it safely by using unique database names, topic
/// prefixes and pipeline names (<see cref="UniqueNames"/>).
/// </summary>
public sealed class EndpointsFixture : IAsyncLifetime
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly string[] _sandboxArguments;
    private SandboxProcess? _sandbox;
    private ItEndpoints? _endpoints;

    public EndpointsFixture()
        : this([])
    {
    }

    private EndpointsFixture(string[] sandboxArguments) => _sandboxArguments = sandboxArguments;

    internal ItEndpoints Endpoints => _endpoints ?? throw new InvalidOperationException("The endpoints fixture is not initialized.");

    /// <summary>Stderr of the sandbox this fixture started (empty against real services and containers), for failure messages.</summary>
    internal string SandboxLog => _sandbox?.Stderr ?? string.Empty;

    /// <summary>A sandbox of its own, started with <paramref name="sandboxArguments"/> (always a sandbox, whatever CDC_IT_* say).</summary>
    internal static async Task<EndpointsFixture> StartDedicatedAsync(params string[] sandboxArguments)
    {
        var fixture = new EndpointsFixture(sandboxArguments);
        await fixture.StartSandboxAsync().ConfigureAwait(false);
        return fixture;
    }

    public async Task InitializeAsync()
    {
        switch (ItBackendSelection.Current.Backend)
        {
            case ItBackend.RealServices:
                _endpoints = ItEndpoints.FromEnvironment();
                break;
            case ItBackend.Containers:
                _endpoints = (await ContainerStack.SharedAsync().ConfigureAwait(false)).Endpoints;
                break;
            default:
                await StartSandboxAsync().ConfigureAwait(false);
                break;
        }
    }

    public async Task DisposeAsync()
    {
        if (_sandbox is null)
        {
            return;
        }

        _sandbox.Signal("TERM");
        await _sandbox.WaitForExit(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
        _sandbox.Dispose();
        _sandbox = null;
    }

    private async Task StartSandboxAsync()
    {
        _sandbox = SandboxProcess.Start(_sandboxArguments);
        var line = await _sandbox.ReadyLine(ReadyTimeout).ConfigureAwait(false);
        using var ready = JsonDocument.Parse(line);
        var root = ready.RootElement;
        _endpoints = new ItEndpoints(
            root.GetProperty("mongodb").GetString()!,
            root.GetProperty("kafka").GetString()!,
            root.GetProperty("schemaRegistry").GetString()!,
            root.GetProperty("control").GetString()!);
    }
}
