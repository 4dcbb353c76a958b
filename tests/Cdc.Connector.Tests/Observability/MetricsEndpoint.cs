using System.Diagnostics.Metrics;
using Cdc.Connector.Configuration;
using Cdc.Connector.Observability;

namespace Cdc.Connector.Tests.Observability;

/// <summary>
/// A meter served the way `cdc run` serves it: <see cref="ConnectorTelemetry"/>'s Prometheus exporter behind
/// <see cref="OperationsServer"/> on a free loopback port, scraped over HTTP.
/// </summary>
internal sealed class MetricsEndpoint : IAsyncDisposable
{
    private readonly ConnectorTelemetry _telemetry;
    private readonly OperationsServer _server;
    private readonly HttpClient _client;

    private MetricsEndpoint(ConnectorTelemetry telemetry, OperationsServer server)
    {
        _telemetry = telemetry;
        _server = server;
        _client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(10) };
    }

    public static async Task<MetricsEndpoint> StartAsync(Meter meter)
    {
        var telemetry = ConnectorTelemetry.Start(meter, new TelemetryOptions(), prometheus: true, "test");
        try
        {
            var server = await OperationsServer.StartAsync(
                "127.0.0.1", 0, () => new ProbeResult(true, "ok\n", "text/plain"), () => new ProbeResult(true, "{}\n", "application/json"), telemetry.Provider, CancellationToken.None);
            return new MetricsEndpoint(telemetry, server);
        }
        catch
        {
            telemetry.Dispose();
            throw;
        }
    }

    /// <summary>GET /metrics: the response, for its status and headers.</summary>
    public Task<HttpResponseMessage> GetAsync(string? accept = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/metrics", UriKind.Relative));
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return _client.SendAsync(request);
    }

    /// <summary>GET /metrics: the body, after checking the answer is 200.</summary>
    public async Task<string> ScrapeAsync()
    {
        using var response = await GetAsync();
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"/metrics answered {(int)response.StatusCode}: {body}");
        return body;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
        _telemetry.Dispose();
    }
}
