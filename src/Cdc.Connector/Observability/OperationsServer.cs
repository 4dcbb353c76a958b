using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;

namespace Cdc.Connector.Observability;

/// <summary>
/// The operations endpoint on Kestrel: GET /healthz, /readyz and /metrics, and the live view when asked for (GET / and the
/// WebSocket /changes, added by the caller). Built from the empty builder
/// so it brings no logging of its own (the connector logs one line with the address) and no console lifetime (the
/// connector owns SIGTERM: it must flush and commit while this keeps answering). /metrics is OpenTelemetry's Prometheus
/// exporter over the given MeterProvider (see <see cref="ConnectorTelemetry"/>).
/// </summary>
internal sealed class OperationsServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OperationsServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The address actually bound (with the real port when http.port was 0).</summary>
    public Uri Address { get; }

    /// <summary>
    /// Binds <paramref name="host"/>:<paramref name="port"/> and starts answering; throws <see cref="IOException"/> when
    /// the address cannot be bound. <paramref name="moreRoutes"/> adds endpoints of the program's (the live view).
    /// </summary>
    public static async Task<OperationsServer> StartAsync(
        string host,
        int port,
        Func<ProbeResult> health,
        Func<ProbeResult> readiness,
        MeterProvider metrics,
        CancellationToken cancellationToken,
        Action<WebApplication>? moreRoutes = null)
    {
        var address = ParseHost(host);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(address, port);
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton<IHostLifetime, NoSignalLifetime>();
        var app = builder.Build();
        app.UseRouting();
        app.MapGet("/healthz", () => Answer(health()));
        app.MapGet("/readyz", () => Answer(readiness()));
        app.MapPrometheusScrapingEndpoint("/metrics", metrics, branch => branch.Use(PrometheusTextAdapter.InvokeAsync), optionsName: null)
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get]));
        moreRoutes?.Invoke(app);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        var uri = bound is null ? new Uri($"http://{host}:{port}") : new Uri(bound);
        return new OperationsServer(app, uri);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static IResult Answer(ProbeResult result) =>
        Results.Text(result.Body, result.ContentType, statusCode: result.Passed ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);

    /// <summary>http.host: an IP address, or localhost for the loopback address (Kestrel cannot give localhost a free port).</summary>
    private static IPAddress ParseHost(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
        : IPAddress.TryParse(host, out var address) ? address
        : throw new ArgumentException($"http.host '{host}' is not an IP address or localhost.", nameof(host));
}
