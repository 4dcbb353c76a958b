using System.Diagnostics.Metrics;
using System.Net;
using Cdc.Connector.Configuration;
using Cdc.Connector.Observability;

namespace Cdc.Connector.Tests.Observability;

public sealed class OperationsServerTests
{
    [Fact]
    public async Task Port_0_binds_a_free_port_and_the_three_endpoints_answer_with_their_status_codes()
    {
        var healthy = true;
        using var meter = new Meter("Cdc.Connector.Tests.OperationsServer");
        meter.CreateObservableGauge("cdc.x", () => 1, "1", "X.");
        using var telemetry = ConnectorTelemetry.Start(meter, new TelemetryOptions(), prometheus: true, "test");
        await using var server = await OperationsServer.StartAsync(
            "127.0.0.1",
            0,
            () => new ProbeResult(healthy, healthy ? "ok\n" : "stalled\n", "text/plain; charset=utf-8"),
            () => new ProbeResult(false, "{\"ready\":false}\n", "application/json; charset=utf-8"),
            telemetry.Provider,
            CancellationToken.None);
        Assert.Equal("127.0.0.1", server.Address.Host);
        Assert.NotEqual(0, server.Address.Port);
        using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(10) };

        using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ok\n", await health.Content.ReadAsStringAsync());

        healthy = false;
        using var unhealthy = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);

        using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("application/json", ready.Content.Headers.ContentType?.MediaType);

        using var metrics = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", metrics.Content.Headers.ContentType?.ToString());
        Assert.Equal("# TYPE cdc_x gauge\n# HELP cdc_x X.\ncdc_x 1\n", await metrics.Content.ReadAsStringAsync());

        // GET only, as before: the exporter's branch does not answer other methods.
        using var post = await client.PostAsync(new Uri("/metrics", UriKind.Relative), new StringContent(string.Empty));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);

        using var missing = await client.GetAsync(new Uri("/other", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_port_in_use_fails_with_an_io_error()
    {
        using var meter = new Meter("Cdc.Connector.Tests.PortInUse");
        using var telemetry = ConnectorTelemetry.Start(meter, new TelemetryOptions(), prometheus: true, "test");
        await using var first = await OperationsServer.StartAsync(
            "127.0.0.1", 0, () => default, () => default, telemetry.Provider, CancellationToken.None);

        await Assert.ThrowsAnyAsync<IOException>(() => OperationsServer.StartAsync(
            "127.0.0.1", first.Address.Port, () => default, () => default, telemetry.Provider, CancellationToken.None));
    }

    [Fact]
    public async Task A_host_that_is_not_an_address_is_refused_by_name()
    {
        using var meter = new Meter("Cdc.Connector.Tests.BadHost");
        using var telemetry = ConnectorTelemetry.Start(meter, new TelemetryOptions(), prometheus: true, "test");
        var error = await Assert.ThrowsAsync<ArgumentException>(() => OperationsServer.StartAsync(
            "example.invalid", 0, () => default, () => default, telemetry.Provider, CancellationToken.None));
        Assert.Contains("http.host 'example.invalid'", error.Message, StringComparison.Ordinal);
    }
}
