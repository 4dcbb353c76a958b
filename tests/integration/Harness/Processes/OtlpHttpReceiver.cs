using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Cdc.Tests.Shared;

namespace Cdc.Integration.Tests;

/// <summary>
/// A stand-in OpenTelemetry collector for `cdc run`: OTLP/HTTP on a free loopback port (HttpListener), keeping every
/// POST /v1/metrics decoded and answering 200 with an empty ExportMetricsServiceResponse.
/// </summary>
internal sealed class OtlpHttpReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(string Path, string? ContentType, OtlpExport Export)> _exports = new();
    private readonly Task _loop;

    public OtlpHttpReceiver()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Address = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/");
        }

        _listener.Prefixes.Add(Address.ToString());
        _listener.Start();
        _loop = Task.Run(ReceiveAsync);
    }

    public Uri Address { get; }

    /// <summary>Waits (bounded) for an export satisfying <paramref name="accept"/>; fails naming <paramref name="what"/>.</summary>
    public async Task<(string Path, string? ContentType, OtlpExport Export)> WaitForAsync(Func<OtlpExport, bool> accept, string what, TimeSpan timeout, ConnectorProcess connector)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_exports.FirstOrDefault(export => accept(export.Export)) is { Export: not null } found)
            {
                return found;
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        throw new Xunit.Sdk.XunitException($"No OTLP export with {what} within {timeout.TotalSeconds:0} s ({_exports.Count} received).\n{connector.Describe()}");
    }

    public void Dispose()
    {
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ReceiveAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using (var body = new MemoryStream())
            {
                await context.Request.InputStream.CopyToAsync(body).ConfigureAwait(false);
                _exports.Enqueue((context.Request.Url!.AbsolutePath, context.Request.ContentType, OtlpExport.Decode(body.ToArray())));
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.ContentLength64 = 0;
            context.Response.Close();
        }
    }
}
