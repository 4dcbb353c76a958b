namespace Cdc.Connector.Configuration;

internal sealed class MappingSettings
{
    /// <summary>relaxed | canonical.</summary>
    public string Json { get; set; } = "relaxed";

    public bool TombstonesOnDelete { get; set; } = true;
}
