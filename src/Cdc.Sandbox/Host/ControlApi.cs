using System.Globalization;
using Cdc.Sandbox.Kafka;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cdc.Sandbox.Host;

/// <summary>
/// The sandbox's HTTP control API on 127.0.0.1 (docs/sandbox-host.md): status of every part and the Kafka and Schema
/// Registry fault controls, for tests running in other processes. MongoDB faults are not here: they go through the
/// wire protocol (<c>configureFailPoint</c>), as against a real mongod.
/// </summary>
internal sealed class ControlApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ControlApi(WebApplication app) => _app = app;

    public string Url { get; private set; } = string.Empty;

    public static async Task<ControlApi> StartAsync(SandboxHost host, int port, ILogger logger, CancellationToken ct)
    {
        // The empty builder reads no appsettings.json or ASPNETCORE_* variables: the sandbox listens where it is told.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton<IHostLifetime, QuietHostLifetime>();
        var app = builder.Build();
        var api = new ControlApi(app);
        app.Use((context, next) => Guard(context, next, logger));
        app.UseRouting();
        app.MapGet("/status", context => ControlJson.Write(context, 200, json => StatusReport.Write(json, host)));
        KafkaControlRoutes.Map(app, host.Kafka);
        RegistryControlRoutes.Map(app, host.SchemaRegistryFaults);
        app.MapFallback(context => ControlJson.WriteError(
            context, 404, $"{context.Request.Method} {context.Request.Path} is not a control endpoint; see docs/sandbox-host.md."));
        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new SandboxStartException($"The control API cannot listen on 127.0.0.1:{port}: {e.Message}", e);
        }

        api.Url = app.Urls.Single();
        return api;
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stopping.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Turns refusals into <c>{"error"}</c> answers (400, 404, 409) and logs every control request.</summary>
    private static async Task Guard(HttpContext context, RequestDelegate next, ILogger logger)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (ControlApiError e) when (!context.Response.HasStarted)
        {
            await ControlJson.WriteError(context, e.Status, e.Message).ConfigureAwait(false);
        }
        catch (KafkaMockException e) when (!context.Response.HasStarted)
        {
            var status = e.Error == KafkaErrorCode.TopicAlreadyExists ? 409 : e.Error == KafkaErrorCode.BrokerNotAvailable ? 404 : 400;
            await ControlJson.WriteError(context, status, e.Message).ConfigureAwait(false);
        }
        catch (ArgumentException e) when (!context.Response.HasStarted)
        {
            // The mock's own checks (topic names, ranges) phrase the problem; drop .NET's "(Parameter 'x')" tail.
            await ControlJson.WriteError(context, 400, e.Message.Split(" (Parameter", 2)[0]).ConfigureAwait(false);
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not (OperationCanceledException or OutOfMemoryException))
        {
            // A defect here must still answer in the documented shape, and must not take the sandbox down.
            SandboxHostLog.ControlFailed(logger, e, context.Request.Method, context.Request.Path.Value);
            await ControlJson.WriteError(context, 500, $"The control API failed: {e.GetType().Name}: {e.Message}").ConfigureAwait(false);
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            SandboxHostLog.ControlRequest(logger, context.Request.Method, context.Request.Path.Value, context.Response.StatusCode);
        }
    }
}
