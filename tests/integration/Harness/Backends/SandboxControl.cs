using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Cdc.Integration.Tests;

/// <summary>
/// The `cdc sandbox` control API (docs/sandbox-host.md) as the fault tests use it: every broker down or up, Kafka
/// request errors pushed per API key, registry failures. A refused call fails with the API's own error text.
/// </summary>
internal sealed class SandboxControl : IDisposable
{
    private readonly HttpClient _http;

    public SandboxControl(ItEndpoints endpoints)
    {
        var url = endpoints.ControlUrl ?? throw new InvalidOperationException("These endpoints have no sandbox control API (real services).");
        _http = new HttpClient { BaseAddress = new Uri(url.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(15) };
    }

    public Task AllBrokersDownAsync() => SendAsync(HttpMethod.Post, "kafka/brokers/all/down", body: null);

    public Task AllBrokersUpAsync() => SendAsync(HttpMethod.Post, "kafka/brokers/all/up", body: null);

    /// <summary>The next requests of <paramref name="apiKey"/> (e.g. "Produce"), from any client, fail with <paramref name="errors"/> in order.</summary>
    public Task PushRequestErrorsAsync(string apiKey, params string[] errors) =>
        SendAsync(HttpMethod.Post, "kafka/request-errors", new JsonObject
        {
            ["apiKey"] = apiKey,
            ["errors"] = new JsonArray(errors.Select(e => (JsonNode)e).ToArray()),
        });

    public Task ClearRequestErrorsAsync(string apiKey) => SendAsync(HttpMethod.Delete, $"kafka/request-errors/{Uri.EscapeDataString(apiKey)}", body: null);

    /// <summary>Every registry request fails with <paramref name="status"/> until <see cref="ClearRegistryFaultsAsync"/>.</summary>
    public Task FailRegistryUntilClearedAsync(int status) =>
        SendAsync(HttpMethod.Post, "schema-registry/faults", new JsonObject { ["status"] = status, ["untilCleared"] = true });

    public Task ClearRegistryFaultsAsync() => SendAsync(HttpMethod.Delete, "schema-registry/faults", body: null);

    /// <summary>The registry's request counters from /status: (requests, failedRequests).</summary>
    public async Task<(long Requests, long Failed)> RegistryCountersAsync()
    {
        var status = await _http.GetFromJsonAsync<JsonObject>("status").ConfigureAwait(false)
            ?? throw new InvalidOperationException("GET /status answered nothing.");
        var faults = status["schemaRegistry"]!["faults"]!;
        return (faults["requests"]!.GetValue<long>(), faults["failedRequests"]!.GetValue<long>());
    }

    public void Dispose() => _http.Dispose();

    private async Task SendAsync(HttpMethod method, string path, JsonObject? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await _http.SendAsync(request).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            throw new InvalidOperationException(
                $"{method} {path} on the sandbox control API answered {((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)}: {text}");
        }
    }
}
