using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Cdc.Schemas.Avro;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Tests.Registry;

/// <summary>
/// A Confluent-compatible Schema Registry stand-in on Kestrel (127.0.0.1, a free port): register, look up and fetch
/// by id, with the registry's error bodies, optional basic auth, request counting, and a hook to inject failures.
/// </summary>
internal sealed class FakeSchemaRegistry : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _idsByCanonicalForm = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, string> _schemasById = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<int, byte>> _subjects = new(StringComparer.Ordinal);
    private int _nextId;
    private int _requests;

    private FakeSchemaRegistry(WebApplication app) => _app = app;

    public string Url { get; private set; } = string.Empty;

    public int RequestCount => Volatile.Read(ref _requests);

    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>"user:password" the server demands, or null for none.</summary>
    public string? RequiredBasicAuth { get; set; }

    /// <summary>Runs first for each request; return true when it has written the response itself.</summary>
    public Func<HttpContext, Task<bool>>? Intercept { get; set; }

    /// <summary>Subjects whose registration answers 409 incompatible.</summary>
    public HashSet<string> IncompatibleSubjects { get; } = new(StringComparer.Ordinal);

    public static async Task<FakeSchemaRegistry> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var registry = new FakeSchemaRegistry(app);
        registry.Map();
        await app.StartAsync();
        registry.Url = app.Urls.Single();
        return registry;
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }

    private void Map()
    {
        _app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref _requests);
            Requests.Enqueue($"{context.Request.Method} {context.Features.Get<IHttpRequestFeature>()!.RawTarget} accept={context.Request.Headers.Accept} content-type={context.Request.ContentType} from={context.Connection.RemotePort}");
            if (RequiredBasicAuth is { } credentials
                && context.Request.Headers.Authorization.ToString() != "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)))
            {
                await WriteError(context, 401, 40101, "Unauthorized");
                return;
            }

            if (Intercept is { } intercept && await intercept(context))
            {
                return;
            }

            await next(context);
        });

        _app.MapPost("/subjects/{subject}/versions", async (HttpContext context, string subject) =>
        {
            var schema = await ReadSchema(context);
            if (schema is null)
            {
                return;
            }

            if (IncompatibleSubjects.Contains(subject))
            {
                await WriteError(context, 409, 409, $"Schema being registered is incompatible with an earlier schema for subject \"{subject}\"");
                return;
            }

            var id = _idsByCanonicalForm.GetOrAdd(schema.ToCanonicalForm(), _ => Interlocked.Increment(ref _nextId));
            _schemasById[id] = schema.ToJson();
            _subjects.GetOrAdd(subject, _ => new ConcurrentDictionary<int, byte>())[id] = 0;
            await WriteJson(context, 200, $"{{\"id\":{id}}}");
        });

        _app.MapPost("/subjects/{subject}", async (HttpContext context, string subject) =>
        {
            var schema = await ReadSchema(context);
            if (schema is null)
            {
                return;
            }

            if (!_subjects.TryGetValue(subject, out var ids))
            {
                await WriteError(context, 404, 40401, $"Subject '{subject}' not found.");
                return;
            }

            if (!_idsByCanonicalForm.TryGetValue(schema.ToCanonicalForm(), out var id) || !ids.ContainsKey(id))
            {
                await WriteError(context, 404, 40403, "Schema not found");
                return;
            }

            await WriteJson(context, 200, JsonSerializer.Serialize(new Dictionary<string, object> { ["subject"] = subject, ["id"] = id, ["version"] = 1, ["schema"] = _schemasById[id] }));
        });

        _app.MapGet("/schemas/ids/{id:int}", async (HttpContext context, int id) =>
        {
            if (!_schemasById.TryGetValue(id, out var schema))
            {
                await WriteError(context, 404, 40403, "Schema not found");
                return;
            }

            await WriteJson(context, 200, JsonSerializer.Serialize(new Dictionary<string, string> { ["schema"] = schema }));
        });
    }

    private static async Task<AvroSchema?> ReadSchema(HttpContext context)
    {
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            if (body.RootElement.TryGetProperty("schemaType", out var type) && type.ValueKind != JsonValueKind.Null && type.GetString() != "AVRO")
            {
                await WriteError(context, 422, 42201, "This stand-in takes Avro schemas only");
                return null;
            }

            return AvroSchema.Parse(body.RootElement.GetProperty("schema").GetString()!);
        }
        catch (Exception e) when (e is AvroException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            await WriteError(context, 422, 42201, "Invalid schema: " + e.Message);
            return null;
        }
    }

    public static Task WriteError(HttpContext context, int status, int errorCode, string message) =>
        WriteJson(context, status, JsonSerializer.Serialize(new Dictionary<string, object> { ["error_code"] = errorCode, ["message"] = message }));

    private static async Task WriteJson(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/vnd.schemaregistry.v1+json";
        await context.Response.WriteAsync(json);
    }
}
