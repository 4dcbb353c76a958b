using System.Security.Cryptography.X509Certificates;

namespace Cdc.Sandbox.SchemaRegistry;

/// <summary>How the sandbox registry listens: always on 127.0.0.1; port 0 picks a free one.</summary>
internal sealed class InMemorySchemaRegistryOptions
{
    public int Port { get; init; }

    /// <summary>"user:password" every request must present with HTTP basic auth, or null for none.</summary>
    public string? BasicAuth { get; init; }

    /// <summary>
    /// Refuse a missing or wrong credential with the body Confluent's registry sends from its basic-auth realm,
    /// <c>{"error_code":401,"message":"Unauthorized"}</c> (what `cdc sandbox --auth` serves, so clients meet the real
    /// shape), instead of the default 40101 with a message naming the kind of credential expected.
    /// </summary>
    public bool ConfluentUnauthorizedBody { get; init; }

    /// <summary>The token every request must present as <c>Authorization: Bearer …</c>, or null for none.</summary>
    public string? BearerToken { get; init; }

    /// <summary>Serve https with this certificate (and its private key) instead of http, or null.</summary>
    public X509Certificate2? ServerCertificate { get; init; }

    /// <summary>With <see cref="ServerCertificate"/>: demand a client certificate that chains to one of these (mutual TLS); null asks for none.</summary>
    public X509Certificate2Collection? ClientCertificateAuthorities { get; init; }
}
