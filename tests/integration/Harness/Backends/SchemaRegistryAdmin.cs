using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Cdc.Integration.Tests;

/// <summary>
/// Confluent Schema Registry REST calls a test needs to prepare a subject (register a schema, set its compatibility) or
/// see which subjects exist:
/// the standard API, so it works against the sandbox's registry and a real one alike.
/// </summary>
internal sealed class SchemaRegistryAdmin : IDisposable
{
    private const string ContentType = "application/vnd.schemaregistry.v1+json";
    private readonly HttpClient _http;

    public SchemaRegistryAdmin(string url) =>
        _http = new HttpClient { BaseAddress = new Uri(url.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(15) };

    /// <summary>Registers <paramref name="schemaJson"/> under <paramref name="subject"/>; returns its id.</summary>
    public async Task<int> RegisterAsync(string subject, string schemaJson)
    {
        var answer = await SendAsync(HttpMethod.Post, $"subjects/{Uri.EscapeDataString(subject)}/versions", new JsonObject { ["schema"] = schemaJson }).ConfigureAwait(false);
        return answer["id"]!.GetValue<int>();
    }

    /// <summary>Sets the subject's own compatibility level (NONE, BACKWARD, FULL_TRANSITIVE…).</summary>
    public Task SetCompatibilityAsync(string subject, string level) =>
        SendAsync(HttpMethod.Put, $"config/{Uri.EscapeDataString(subject)}", new JsonObject { ["compatibility"] = level });

    /// <summary>The registry's subjects now (GET /subjects).</summary>
    public async Task<IReadOnlyList<string>> SubjectsAsync()
    {
        using var response = await _http.GetAsync(new Uri("subjects", UriKind.Relative)).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET subjects on the Schema Registry answered {((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)}: {text}");
        }

        return JsonNode.Parse(text)?.AsArray().Select(subject => subject!.GetValue<string>()).ToList()
            ?? throw new InvalidOperationException("GET subjects answered no JSON.");
    }

    /// <summary>The versions of <paramref name="subject"/> (GET /subjects/…/versions).</summary>
    public async Task<IReadOnlyList<int>> VersionsAsync(string subject) =>
        (await GetAsync($"subjects/{Uri.EscapeDataString(subject)}/versions").ConfigureAwait(false)).AsArray().Select(v => v!.GetValue<int>()).ToList();

    /// <summary>The schema JSON of one version of <paramref name="subject"/>.</summary>
    public async Task<string> SchemaAsync(string subject, int version) =>
        (await GetAsync($"subjects/{Uri.EscapeDataString(subject)}/versions/{version.ToString(CultureInfo.InvariantCulture)}").ConfigureAwait(false))["schema"]!.GetValue<string>();

    public void Dispose() => _http.Dispose();

    private async Task<JsonNode> GetAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative)).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {path} on the Schema Registry answered {((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)}: {text}");
        }

        return JsonNode.Parse(text) ?? throw new InvalidOperationException($"GET {path} answered no JSON.");
    }

    private async Task<JsonNode> SendAsync(HttpMethod method, string path, JsonObject body)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
        using var response = await _http.SendAsync(request).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"{method} {path} on the Schema Registry answered {((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)}: {text}");
        }

        return JsonNode.Parse(text) ?? throw new InvalidOperationException($"{method} {path} answered no JSON.");
    }
}
