namespace Cdc.Integration.Tests;

/// <summary>
/// A sandbox of its own whose MongoDB keeps only <see cref="OplogWindow"/> oplog entries, so a stopped connector's
/// checkpoint can fall out of the history. Started only when the tests run against the sandbox (the tests using it are
/// <see cref="SandboxFaultFactAttribute"/>, skipped against real services and containers).
/// </summary>
public sealed class OplogWindowSandboxFixture : IAsyncLifetime
{
    public const int OplogWindow = 200;

    private EndpointsFixture? _sandbox;

    internal ItEndpoints Endpoints => _sandbox?.Endpoints ?? throw new InvalidOperationException("The oplog-window sandbox is not started.");

    public async Task InitializeAsync()
    {
        if (ItBackendSelection.Current.Backend == ItBackend.Sandbox)
        {
            _sandbox = await EndpointsFixture.StartDedicatedAsync("--oplog-window", OplogWindow.ToString(System.Globalization.CultureInfo.InvariantCulture)).ConfigureAwait(false);
        }
    }

    public async Task DisposeAsync()
    {
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync().ConfigureAwait(false);
        }
    }
}
