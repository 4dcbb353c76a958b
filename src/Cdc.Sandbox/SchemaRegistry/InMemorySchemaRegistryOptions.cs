namespace Cdc.Sandbox.SchemaRegistry;

/// <summary>How the sandbox registry listens: always on 127.0.0.1; port 0 picks a free one.</summary>
internal sealed class InMemorySchemaRegistryOptions
{
    public int Port { get; init; }

    /// <summary>"user:password" every request must present with HTTP basic auth, or null for none.</summary>
    public string? BasicAuth { get; init; }
}
