using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Cdc.Sandbox.Tests.SchemaRegistry;

/// <summary>Plain HTTP calls to a registry, answering status, content type and parsed JSON body.</summary>
internal sealed class RegistryHttp(string baseUrl) : IDisposable
{
    public const string MediaType = "application/vnd.schemaregistry.v1+json";

    private readonly HttpClient _http = new() { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };

    public AuthenticationHeaderValue? Authorization { get; set; }

    public Task<RegistryAnswer> Get(string path) => Send(HttpMethod.Get, path, null);

    public Task<RegistryAnswer> Delete(string path) => Send(HttpMethod.Delete, path, null);

    public Task<RegistryAnswer> Post(string path, string body) => Send(HttpMethod.Post, path, body);

    public Task<RegistryAnswer> Put(string path, string body) => Send(HttpMethod.Put, path, body);

    /// <summary>A register/lookup/compatibility body carrying <paramref name="schema"/> as a JSON string.</summary>
    public static string SchemaBody(string schema, string? schemaType = null) =>
        JsonSerializer.Serialize(schemaType is null ? new Dictionary<string, string> { ["schema"] = schema } : new Dictionary<string, string> { ["schema"] = schema, ["schemaType"] = schemaType });

    public async Task<RegistryAnswer> Send(HttpMethod method, string path, string? body, string contentType = MediaType)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.ParseAdd(MediaType);
        request.Headers.Authorization = Authorization;
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new RegistryAnswer((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, text);
    }

    public void Dispose() => _http.Dispose();
}
