using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Tests.Registry;

/// <summary>
/// An OAuth 2.0 token endpoint on Kestrel (127.0.0.1, a free port) for the client-credentials grant: it issues
/// <see cref="IssuedToken"/> to one client id and secret, and answers 401 invalid_client to anyone else.
/// </summary>
internal sealed class TokenEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TokenEndpoint(WebApplication app, string clientId, string clientSecret, string issuedToken)
    {
        _app = app;
        ClientId = clientId;
        ClientSecret = clientSecret;
        IssuedToken = issuedToken;
    }

    public string Url { get; private set; } = string.Empty;

    public string ClientId { get; }

    public string ClientSecret { get; }

    public string IssuedToken { get; }

    /// <summary>The form of each token request: grant_type, client_id, scope (never the secret).</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<TokenEndpoint> StartAsync(string clientId, string clientSecret, string issuedToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var endpoint = new TokenEndpoint(app, clientId, clientSecret, issuedToken);
        app.MapPost("/oauth2/token", endpoint.Issue);
        await app.StartAsync();
        endpoint.Url = app.Urls.Single() + "/oauth2/token";
        return endpoint;
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }

    private async Task Issue(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        Requests.Enqueue($"grant_type={form["grant_type"]} client_id={form["client_id"]} scope={form["scope"]}");
        context.Response.ContentType = "application/json";
        if (form["grant_type"] != "client_credentials" || form["client_id"] != ClientId || form["client_secret"] != ClientSecret)
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsync("""{"error":"invalid_client"}""");
            return;
        }

        await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, object> { ["access_token"] = IssuedToken, ["token_type"] = "Bearer", ["expires_in"] = 3600 }));
    }
}
