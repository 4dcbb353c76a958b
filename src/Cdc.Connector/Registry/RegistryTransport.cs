using System.Net.Security;
using System.Reflection;
using System.Security.Cryptography.X509Certificates;
using Cdc.Connector.Tls;
using Confluent.SchemaRegistry;

namespace Cdc.Connector.Registry;

/// <summary>
/// The HTTP transport under Confluent's registry client: the one piece of it the connector replaces.
/// </summary>
/// <remarks>
/// Confluent.SchemaRegistry 2.16 builds its HttpClients itself, one per URL, and takes no handler. What it builds
/// cannot serve the connector's TLS settings: its CA option (<c>schema.registry.ssl.ca.location</c>) accepts a server
/// only when one of the given CA certificates appears in the chain .NET built, and .NET does not put a root the server
/// did not send into that chain, so a registry whose certificate comes from a private CA is refused (checked against a
/// Kestrel server, which sends its own certificate only); where the CA does appear, a certificate issued to another
/// host name passes. Its client certificate is a PKCS#12 file path only, where schemaRegistry.tlsCertificateKeyFile is a
/// PEM file like MongoDB's. And it buffers answers without a size limit. So right after construction, before any
/// request, each of its HttpClients is swapped for one on <see cref="CreateHandler"/> with the same base address and
/// timeout; everything above the transport (requests, answers, errors, failover, retries, caches, credentials) stays
/// Confluent's. The swap reads two private fields (<c>CachedSchemaRegistryClient.restService</c>,
/// <c>RestService.clients</c>); a version that renames them fails at the first <see cref="RegistryClient.Create"/>
/// with a message saying so, and every registry test with it.
/// </remarks>
internal static class RegistryTransport
{
    /// <summary>Registry answers are small JSON documents; a runaway body (a misrouted URL, say) must not exhaust memory.</summary>
    public const int MaxResponseBytes = 16 * 1024 * 1024;

    private const BindingFlags Private = BindingFlags.NonPublic | BindingFlags.Instance;

    private static readonly FieldInfo? RestServiceField = typeof(CachedSchemaRegistryClient).GetField("restService", Private);
    private static readonly FieldInfo? ClientsField = typeof(RestService).GetField("clients", Private);

    /// <summary>Replaces the HttpClients of <paramref name="client"/>'s REST service.</summary>
    public static void Install(CachedSchemaRegistryClient client, TlsMaterial tls, TimeSpan timeout) =>
        Install(RestServiceField?.GetValue(client) as RestService ?? throw Unsupported("CachedSchemaRegistryClient.restService"), tls, timeout);

    /// <summary>Replaces the HttpClients of <paramref name="service"/>, keeping their base addresses.</summary>
    public static void Install(RestService service, TlsMaterial tls, TimeSpan timeout)
    {
        var clients = ClientsField?.GetValue(service) as List<HttpClient> ?? throw Unsupported("RestService.clients");
        for (var i = 0; i < clients.Count; i++)
        {
            var original = clients[i];
            clients[i] = Create(original.BaseAddress ?? throw Unsupported("a base address of RestService.clients"), tls, timeout, withClientCertificate: true);
            original.Dispose();
        }
    }

    /// <summary>An HttpClient on the connector's handler, bounded by <paramref name="timeout"/> per request.</summary>
    public static HttpClient Create(Uri? baseAddress, TlsMaterial tls, TimeSpan timeout, bool withClientCertificate) =>
        new(CreateHandler(tls, timeout, withClientCertificate), disposeHandler: true)
        {
            BaseAddress = baseAddress,
            Timeout = timeout,
            MaxResponseContentBufferSize = MaxResponseBytes,
        };

    /// <summary>
    /// Trusts tlsCAFile's certificates instead of the system's roots when given (the host name is checked either way),
    /// presents tlsCertificateKeyFile's certificate with its intermediates when given and asked for, and renews pooled
    /// connections every 5 minutes so that a long-running process follows DNS changes of the registry's hosts.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(TlsMaterial tls, TimeSpan timeout, bool withClientCertificate)
    {
        ArgumentNullException.ThrowIfNull(tls);
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = timeout,
        };
        if (tls.Authorities is { } authorities)
        {
            var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
            policy.CustomTrustStore.AddRange(authorities);
            handler.SslOptions.CertificateChainPolicy = policy;
        }

        if (withClientCertificate && tls.ClientCertificate is { } certificate)
        {
            handler.SslOptions.ClientCertificateContext = SslStreamCertificateContext.Create(certificate, tls.ClientChain, offline: true);
        }

        return handler;
    }

    /// <summary>
    /// The client for the OAuth token endpoint: an identity provider usually has a publicly trusted certificate, so the
    /// system's roots count, and tlsCAFile's certificates too (an in-house provider under the same CA); no client
    /// certificate is presented to it.
    /// </summary>
    public static HttpClient CreateTokenEndpointClient(TlsMaterial tls, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(tls);
        var handler = CreateHandler(TlsMaterial.None, timeout, withClientCertificate: false);
        if (tls.Authorities is { } authorities)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) => TlsTrust.Accepts(certificate, chain, errors, authorities);
        }

        return new HttpClient(handler, disposeHandler: true) { Timeout = timeout, MaxResponseContentBufferSize = MaxResponseBytes };
    }

    private static NotSupportedException Unsupported(string what) =>
        new($"This version of Confluent.SchemaRegistry ({typeof(RestService).Assembly.GetName().Version}) has no {what}, which the connector replaces "
            + "to apply its TLS settings (Registry/RegistryTransport.cs); the connector is built for 2.16.");
}
