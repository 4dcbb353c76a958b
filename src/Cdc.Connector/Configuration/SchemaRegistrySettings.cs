namespace Cdc.Connector.Configuration;

internal sealed class SchemaRegistrySettings
{
    /// <summary>One URL, or several separated by commas (failover).</summary>
    public string? Url { get; set; }

    /// <summary>user:password.</summary>
    public string? BasicAuth { get; set; }
}
