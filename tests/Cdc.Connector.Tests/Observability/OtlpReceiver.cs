using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

using Cdc.Tests.Shared;

namespace Cdc.Connector.Tests.Observability;

/// <summary>
/// A stand-in OpenTelemetry collector on a free loopback port: OTLP/HTTP (POST /v1/metrics, protobuf, over HTTP/1.1) or
/// OTLP/gRPC (MetricsService/Export over cleartext HTTP/2). It keeps every request and answers success.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    public const string GrpcExportPath = "/opentelemetry.proto.collector.metrics.v1.MetricsService/Export";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<OtlpRequest> _requests = new();

    private OtlpReceiver(WebApplication app) => _app = app;

    /// <summary>http://127.0.0.1:PORT, no path.</summary>
    public Uri Address { get; private set; } = null!;

    public static async Task<OtlpReceiver> StartAsync(bool grpc)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = grpc ? HttpProtocols.Http2 : HttpProtocols.Http1));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.Run(receiver.ReceiveAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Address = new Uri(address);
        return receiver;
    }

    /// <summary>Waits (bounded) for a request whose decoded export satisfies <paramref name="accept"/>.</summary>
    public async Task<OtlpRequest> WaitForAsync(Func<OtlpRequest, bool> accept, string what)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (_requests.FirstOrDefault(accept) is { } request)
            {
                return request;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException(
            $"No OTLP request with {what} within 30 s; received {_requests.Count}: {string.Join("; ", _requests.Select(request => request.Describe()))}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var bytes = body.ToArray();
        var grpc = context.Request.ContentType == "application/grpc";

        // gRPC frames the message: a compression flag byte and a 4-byte big-endian length.
        var message = grpc && bytes.Length >= 5 && bytes[0] == 0 ? bytes[5..] : bytes;
        _requests.Enqueue(new OtlpRequest(
            context.Request.Method, context.Request.Path, context.Request.Protocol, context.Request.ContentType, OtlpExport.Decode(message)));
        if (grpc)
        {
            context.Response.ContentType = "application/grpc";
            await context.Response.Body.WriteAsync(new byte[5]);
            context.Response.AppendTrailer("grpc-status", "0");
        }
        else
        {
            context.Response.ContentType = "application/x-protobuf";
        }
    }
}
