using Cdc.Schemas.Registry;

namespace Cdc.Connector.Configuration;

internal sealed class SchemaRegistrySettings
{
    /// <summary>One URL, or several separated by commas (failover).</summary>
    public string? Url { get; set; }

    /// <summary>user:password. A secret: never echoed in messages.</summary>
    public string? BasicAuth { get; set; }

    /// <summary>A static bearer token (Authorization: Bearer …). A secret.</summary>
    public string? BearerToken { get; set; }

    /// <summary>The OAuth 2.0 token endpoint of the client-credentials grant that issues the registry's bearer tokens.</summary>
    public string? OAuthTokenEndpointUrl { get; set; }

    public string? OAuthClientId { get; set; }

    /// <summary>A secret.</summary>
    public string? OAuthClientSecret { get; set; }

    /// <summary>The scope asked for; sent empty when unset.</summary>
    public string? OAuthScope { get; set; }

    /// <summary>PEM file of the CA certificate(s) an https registry must chain to, instead of the system's roots.</summary>
    public string? TlsCAFile { get; set; }

    /// <summary>PEM file with the client certificate and its unencrypted private key (mutual TLS).</summary>
    public string? TlsCertificateKeyFile { get; set; }

    /// <summary>topic | record | topicRecord: Confluent's TopicNameStrategy, RecordNameStrategy, TopicRecordNameStrategy.</summary>
    public SubjectNameStrategy SubjectNameStrategy { get; set; } = SubjectNameStrategy.Topic;
}
