namespace Cdc.Schemas.Registry;

/// <summary>Where the Schema Registry is and how to talk to it; validated by <see cref="SchemaRegistryClient"/>.</summary>
internal sealed class SchemaRegistryOptions
{
    /// <summary>One or more base URLs (http or https) of the same registry cluster, tried in order on failure.</summary>
    public IReadOnlyList<string> Urls { get; init; } = [];

    /// <summary>"user:password" for HTTP basic authentication, or null. Credentials in a URL (user:password@host) are used when this is null.</summary>
    public string? BasicAuth { get; init; }

    /// <summary>The limit for one HTTP request to one URL; on expiry the next URL is tried.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
