using System.Net.WebSockets;
using System.Reflection;
using System.Text;
using System.Threading.Channels;
using Cdc.Schemas.Bson;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cdc.Connector.LiveView;

/// <summary>
/// The live view on the operations endpoint: <c>GET /</c> is the page (one HTML file with its script and styles, served
/// from this assembly: no build step, no CDN) and <c>/changes</c> its WebSocket, which sends the feed's messages as text
/// frames: <c>change</c> and <c>status</c> (see <see cref="LiveChangeMessage"/>, <see cref="LiveStatusMessage"/>), and
/// <c>{"type":"skipped","count":N}</c> before the next message when this client fell behind and lost N changes. The page
/// has no write action; a client's own frames are read and ignored (only its close matters).
/// </summary>
internal static class LiveViewEndpoint
{
    private const string PageResource = "Cdc.Connector.LiveView.live-view.html";

    private static readonly Lazy<byte[]> Page = new(ReadPage);

    public static void Map(WebApplication app, LiveChangeFeed feed)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(feed);
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(20) });
        app.MapGet("/", () => Results.Bytes(Page.Value, "text/html; charset=utf-8"));
        app.Map("/changes", context => ServeAsync(context, feed));
    }

    private static async Task ServeAsync(HttpContext context, LiveChangeFeed feed)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("/changes is the live view's WebSocket: open it with a WebSocket client (the page at / does).", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        using var client = feed.Subscribe();
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var receiving = IgnoreIncomingAsync(socket, ending);
        try
        {
            while (true)
            {
                var message = await client.NextAsync(ending.Token).ConfigureAwait(false);
                byte[] json;
                try
                {
                    json = message.Json;
                }
                catch (BsonFormatException)
                {
                    // The pipeline mapped and published this event, so its BSON is sound; should it not be, the page
                    // loses one row (counted) rather than its connection.
                    client.Skipped(1);
                    continue;
                }

                if (client.TakeSkipped() is var skipped and > 0)
                {
                    await SendAsync(socket, Encoding.UTF8.GetBytes($$"""{"type":"skipped","count":{{skipped}}}"""), ending.Token).ConfigureAwait(false);
                }

                await SendAsync(socket, json, ending.Token).ConfigureAwait(false);
            }
        }
        catch (Exception error) when (error is OperationCanceledException or WebSocketException or ChannelClosedException)
        {
            // The client left, or the connector stops (the page reconnects by itself).
        }
        finally
        {
            await ending.CancelAsync().ConfigureAwait(false);
            await receiving.ConfigureAwait(false);
            await CloseAsync(socket).ConfigureAwait(false);
        }
    }

    private static ValueTask SendAsync(WebSocket socket, byte[] message, CancellationToken cancellationToken) =>
        socket.SendAsync(message.AsMemory(), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    /// <summary>Reads the client's frames until it closes (then ends the send loop too); their content is ignored.</summary>
    private static async Task IgnoreIncomingAsync(WebSocket socket, CancellationTokenSource ending)
    {
        var buffer = new byte[1024];
        try
        {
            while (!ending.IsCancellationRequested)
            {
                var received = await socket.ReceiveAsync(buffer.AsMemory(), ending.Token).ConfigureAwait(false);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception error) when (error is OperationCanceledException or WebSocketException)
        {
            // Ending either way.
        }

        await ending.CancelAsync().ConfigureAwait(false);
    }

    private static async Task CloseAsync(WebSocket socket)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.EndpointUnavailable, "the connector's live view closed", timeout.Token).ConfigureAwait(false);
        }
        catch (Exception error) when (error is OperationCanceledException or WebSocketException)
        {
            // A client that stopped reading cannot take the close frame either; the socket is dropped.
        }
    }

    private static byte[] ReadPage()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(PageResource)
            ?? throw new InvalidOperationException($"The live view's page ({PageResource}) is missing from {Assembly.GetExecutingAssembly().GetName().Name}: the build did not embed it.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
