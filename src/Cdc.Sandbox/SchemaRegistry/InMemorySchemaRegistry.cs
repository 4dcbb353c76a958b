using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cdc.Sandbox.SchemaRegistry;

/// <summary>
/// An in-memory Schema Registry speaking the Confluent REST API that serializers and consumers use, on Kestrel at
/// 127.0.0.1 (http, or https with a given certificate and optionally a client certificate demanded). Avro only; deletes
/// are soft unless <c>permanent=true</c>. The rules live in <see cref="SchemaRegistryStore"/>; this class maps HTTP onto
/// it and applies auth (basic or bearer) and <see cref="Faults"/>.
/// </summary>
internal sealed class InMemorySchemaRegistry : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string? _expectedAuthorization;
    private readonly string _scheme;
    private readonly bool _confluentUnauthorizedBody;

    private InMemorySchemaRegistry(WebApplication app, InMemorySchemaRegistryOptions options)
    {
        _app = app;
        _expectedAuthorization = options.BasicAuth is { } basicAuth
            ? "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(basicAuth))
            : options.BearerToken is { } token ? "Bearer " + token : null;
        _scheme = options.BasicAuth is not null ? "Basic" : "Bearer";
        _confluentUnauthorizedBody = options.ConfluentUnauthorizedBody;
    }

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Url { get; private set; } = string.Empty;

    public SchemaRegistryStore Store { get; } = new();

    public SchemaRegistryFaults Faults { get; } = new();

    public static async Task<InMemorySchemaRegistry> StartAsync(InMemorySchemaRegistryOptions? options = null, CancellationToken ct = default)
    {
        options ??= new InMemorySchemaRegistryOptions();
        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentException($"The registry port must be 0 (any free port) to 65535, not {options.Port}.", nameof(options));
        }

        if (options.BasicAuth is { } auth && auth.IndexOf(':', StringComparison.Ordinal) <= 0)
        {
            throw new ArgumentException("The registry's basic auth must be 'user:password' with a non-empty user.", nameof(options));
        }

        if (options.BasicAuth is not null && options.BearerToken is not null)
        {
            throw new ArgumentException("The registry takes basic auth or a bearer token, not both.", nameof(options));
        }

        if (options.BearerToken is { Length: 0 })
        {
            throw new ArgumentException("The registry's bearer token must not be empty.", nameof(options));
        }

        if (options.ClientCertificateAuthorities is not null && options.ServerCertificate is null)
        {
            throw new ArgumentException("A client certificate can only be demanded over https: give ServerCertificate too.", nameof(options));
        }

        var builder = WebApplication.CreateSlimBuilder();
        if (options.ServerCertificate is { } certificate)
        {
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.UseHttps(Https(certificate, options.ClientCertificateAuthorities))));
        }
        else
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{options.Port.ToString(CultureInfo.InvariantCulture)}");
        }

        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, QuietHostLifetime>();
        var app = builder.Build();
        var registry = new InMemorySchemaRegistry(app, options);
        registry.Map();
        await app.StartAsync(ct);
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
        _app.Use(Guard);
        _app.MapGet("/", context => RegistryJson.Write(context, 200, json => { json.WriteStartObject(); json.WriteEndObject(); }));

        _app.MapPost("/subjects/{subject}/versions", Register);
        _app.MapPost("/subjects/{subject}", Lookup);
        _app.MapGet("/schemas/ids/{id}", GetSchemaById);
        _app.MapGet("/schemas/ids/{id}/versions", GetUsesOfId);
        _app.MapGet("/schemas/types", context => WriteStrings(context, ["AVRO"]));
        _app.MapGet("/subjects", context => WriteStrings(context, Store.Subjects()));
        _app.MapGet("/subjects/{subject}/versions", context => WriteNumbers(context, Store.Versions(Subject(context))));
        _app.MapGet("/subjects/{subject}/versions/{version}", GetVersion);
        _app.MapGet("/subjects/{subject}/versions/{version}/schema", GetVersionSchema);
        _app.MapDelete("/subjects/{subject}", context => WriteNumbers(context, Store.DeleteSubject(Subject(context), Permanent(context))));
        _app.MapDelete("/subjects/{subject}/versions/{version}", DeleteVersion);

        _app.MapGet("/config", context => WriteLevel(context, "compatibilityLevel", Store.GlobalLevel));
        _app.MapPut("/config", SetGlobalLevel);
        _app.MapGet("/config/{subject}", GetSubjectLevel);
        _app.MapPut("/config/{subject}", SetSubjectLevel);

        _app.MapPost("/compatibility/subjects/{subject}/versions/{version}", context => TestCompatibility(context, Version(context)));
        _app.MapPost("/compatibility/subjects/{subject}/versions", context => TestCompatibility(context, null));

        // Anything else answers in Confluent's shape rather than Kestrel's empty 404/405.
        _app.MapFallback(context => RegistryJson.WriteError(context, 404, 404, $"HTTP 404 Not Found: {context.Request.Method} {context.Request.Path} is not part of the registry API the sandbox emulates."));
    }

    /// <summary>Counts, delays, faults and authenticates every request, and turns a <see cref="RegistryError"/> into Confluent's error body.</summary>
    private async Task Guard(HttpContext context, RequestDelegate next)
    {
        var (delay, failure) = Faults.OnRequest();
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, context.RequestAborted);
        }

        if (failure is not null)
        {
            await RegistryJson.WriteError(context, failure.HttpStatus, failure.ErrorCode, failure.Message);
            return;
        }

        if (_expectedAuthorization is not null && context.Request.Headers.Authorization.ToString() != _expectedAuthorization)
        {
            context.Response.Headers.WWWAuthenticate = $"{_scheme} realm=\"SchemaRegistry\"";
            if (_confluentUnauthorizedBody)
            {
                await RegistryJson.WriteError(context, 401, 401, "Unauthorized");
                return;
            }

            await RegistryJson.WriteError(context, 401, 40101, _scheme == "Basic" ? "Unauthorized: missing or wrong basic auth credentials." : "Unauthorized: missing or wrong bearer token.");
            return;
        }

        try
        {
            await next(context);
        }
        catch (RegistryError e) when (!context.Response.HasStarted)
        {
            await RegistryJson.WriteError(context, e.HttpStatus, e.ErrorCode, e.Message);
        }
    }

    private static HttpsConnectionAdapterOptions Https(X509Certificate2 certificate, X509Certificate2Collection? clientAuthorities)
    {
        var https = new HttpsConnectionAdapterOptions { ServerCertificate = certificate };
        if (clientAuthorities is not null)
        {
            https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
            https.ClientCertificateValidation = (client, _, _) => ChainsTo(client, clientAuthorities);
        }

        return https;
    }

    /// <summary>Whether a client certificate chains to one of <paramref name="authorities"/> (they are its only trusted roots).</summary>
    private static bool ChainsTo(X509Certificate2 certificate, X509Certificate2Collection authorities)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        return chain.Build(certificate);
    }

    private async Task Register(HttpContext context)
    {
        var schema = await ReadSchema(context);
        var (id, _) = Store.Register(Subject(context), schema);
        await RegistryJson.Write(context, 200, json =>
        {
            json.WriteStartObject();
            json.WriteNumber("id", id);
            json.WriteEndObject();
        });
    }

    private async Task Lookup(HttpContext context)
    {
        var schema = await ReadSchema(context);
        await WriteVersion(context, Store.Lookup(Subject(context), schema));
    }

    private Task GetSchemaById(HttpContext context)
    {
        var schema = Store.GetSchema(Id(context));
        return RegistryJson.Write(context, 200, json =>
        {
            json.WriteStartObject();
            json.WriteString("schema", schema);
            json.WriteEndObject();
        });
    }

    private Task GetUsesOfId(HttpContext context)
    {
        var uses = Store.GetUsesOf(Id(context));
        return RegistryJson.Write(context, 200, json =>
        {
            json.WriteStartArray();
            foreach (var (subject, version) in uses)
            {
                json.WriteStartObject();
                json.WriteString("subject", subject);
                json.WriteNumber("version", version);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        });
    }

    private Task GetVersion(HttpContext context) => WriteVersion(context, Store.GetVersion(Subject(context), Version(context)));

    /// <summary>The schema itself as the body, not wrapped in an object, as Confluent's <c>/schema</c> endpoint answers.</summary>
    private async Task GetVersionSchema(HttpContext context)
    {
        var body = Encoding.UTF8.GetBytes(Store.GetVersion(Subject(context), Version(context)).Schema);
        context.Response.StatusCode = 200;
        context.Response.ContentType = RegistryJson.MediaType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    private Task DeleteVersion(HttpContext context)
    {
        var version = Store.DeleteVersion(Subject(context), Version(context), Permanent(context));
        return RegistryJson.Write(context, 200, json => json.WriteNumberValue(version));
    }

    private async Task SetGlobalLevel(HttpContext context)
    {
        var level = await ReadLevel(context);
        Store.GlobalLevel = level;
        await WriteLevel(context, "compatibility", level);
    }

    /// <summary>Confluent answers 40408 for a subject without its own level unless <c>defaultToGlobal=true</c>; clients rely on that 404.</summary>
    private Task GetSubjectLevel(HttpContext context)
    {
        var subject = Subject(context);
        var level = Store.GetSubjectLevel(subject);
        if (level is null && !IsTrue(context, "defaultToGlobal"))
        {
            throw new RegistryError(404, 40408, $"Subject '{subject}' does not have subject-level compatibility configured.");
        }

        return WriteLevel(context, "compatibilityLevel", level ?? Store.GlobalLevel);
    }

    private async Task SetSubjectLevel(HttpContext context)
    {
        var level = await ReadLevel(context);
        Store.SetSubjectLevel(Subject(context), level);
        await WriteLevel(context, "compatibility", level);
    }

    private async Task TestCompatibility(HttpContext context, string? version)
    {
        var schema = await ReadSchema(context);
        var problems = Store.TestCompatibility(Subject(context), version, schema);
        var verbose = IsTrue(context, "verbose");
        await RegistryJson.Write(context, 200, json =>
        {
            json.WriteStartObject();
            json.WriteBoolean("is_compatible", problems.Count == 0);
            if (verbose)
            {
                json.WriteStartArray("messages");
                foreach (var problem in problems)
                {
                    json.WriteStringValue(problem);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        });
    }

    /// <summary>The <c>schema</c> of a register/lookup/compatibility body; only Avro without references is emulated.</summary>
    private static async Task<string> ReadSchema(HttpContext context)
    {
        using var document = await RegistryJson.ReadObject(context);
        var root = document.RootElement;
        if (root.TryGetProperty("schemaType", out var type) && type.ValueKind != JsonValueKind.Null
            && !(type.ValueKind == JsonValueKind.String && string.Equals(type.GetString(), "AVRO", StringComparison.OrdinalIgnoreCase)))
        {
            throw RegistryError.InvalidSchema($"Unsupported schemaType {type.GetRawText()}: the sandbox registry emulates AVRO only (not PROTOBUF or JSON).");
        }

        if (root.TryGetProperty("references", out var references) && references.ValueKind == JsonValueKind.Array && references.GetArrayLength() > 0)
        {
            throw RegistryError.InvalidSchema("Schema references are not emulated by the sandbox registry; register a self-contained schema.");
        }

        if (!root.TryGetProperty("schema", out var schema) || schema.ValueKind != JsonValueKind.String || schema.GetString()!.Length == 0)
        {
            throw RegistryError.InvalidSchema("The request body has no 'schema' string (the schema's JSON text).");
        }

        return schema.GetString()!;
    }

    private static async Task<CompatibilityLevel> ReadLevel(HttpContext context)
    {
        using var document = await RegistryJson.ReadObject(context);
        var name = document.RootElement.TryGetProperty("compatibility", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return CompatibilityLevelNames.TryParse(name, out var level) ? level : throw RegistryError.InvalidCompatibilityLevel(name);
    }

    private static Task WriteVersion(HttpContext context, SubjectVersionInfo info) =>
        RegistryJson.Write(context, 200, json =>
        {
            json.WriteStartObject();
            json.WriteString("subject", info.Subject);
            json.WriteNumber("version", info.Version);
            json.WriteNumber("id", info.Id);
            json.WriteString("schema", info.Schema);
            json.WriteEndObject();
        });

    private static Task WriteLevel(HttpContext context, string property, CompatibilityLevel level) =>
        RegistryJson.Write(context, 200, json =>
        {
            json.WriteStartObject();
            json.WriteString(property, CompatibilityLevelNames.Format(level));
            json.WriteEndObject();
        });

    private static Task WriteStrings(HttpContext context, IReadOnlyList<string> values) =>
        RegistryJson.Write(context, 200, json =>
        {
            json.WriteStartArray();
            foreach (var value in values)
            {
                json.WriteStringValue(value);
            }

            json.WriteEndArray();
        });

    private static Task WriteNumbers(HttpContext context, IReadOnlyList<int> values) =>
        RegistryJson.Write(context, 200, json =>
        {
            json.WriteStartArray();
            foreach (var value in values)
            {
                json.WriteNumberValue(value);
            }

            json.WriteEndArray();
        });

    /// <summary>
    /// The subject, unescaped from the raw request target: Kestrel leaves %2F escaped in the routed path, and a
    /// subject may contain '/'. Every route has the subject as the segment after <c>subjects</c> or <c>config</c>.
    /// </summary>
    private static string Subject(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (raw is null || !raw.StartsWith('/'))
        {
            return (string)context.GetRouteValue("subject")!;
        }

        var query = raw.IndexOf('?', StringComparison.Ordinal);
        var segments = (query < 0 ? raw : raw[..query]).Split('/');
        var index = segments[1] == "compatibility" ? 3 : 2;
        return Uri.UnescapeDataString(segments[index]);
    }

    private static string Version(HttpContext context) => (string)context.GetRouteValue("version")!;

    private static int Id(HttpContext context)
    {
        var text = (string)context.GetRouteValue("id")!;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw RegistryError.SchemaNotFound($"Schema '{text}' not found: an id is a positive integer.");
    }

    private static bool Permanent(HttpContext context) => IsTrue(context, "permanent");

    private static bool IsTrue(HttpContext context, string parameter) =>
        string.Equals(context.Request.Query[parameter].ToString(), "true", StringComparison.OrdinalIgnoreCase);
}
